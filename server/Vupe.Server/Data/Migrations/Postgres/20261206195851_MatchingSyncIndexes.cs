using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MatchingSyncIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_UpdatedAt",
                table: "Vacancies",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_JobSeekers_UpdatedAt",
                table: "JobSeekers",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Vacancies_UpdatedAt",
                table: "Vacancies");

            migrationBuilder.DropIndex(
                name: "IX_JobSeekers_UpdatedAt",
                table: "JobSeekers");
        }
    }
}
