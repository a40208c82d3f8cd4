using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class FiguresIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_Figures",
                table: "Vacancies",
                columns: new[] { "CreatedAt", "OfficeCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_Figures",
                table: "Placements",
                columns: new[] { "StartDate", "OfficeCode", "RegionCode", "OccupationCode" });

            migrationBuilder.CreateIndex(
                name: "IX_JobReferrals_Figures",
                table: "JobReferrals",
                columns: new[] { "ReferredAt", "OfficeCode", "SeekerPartyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_EmployabilityEntries_Figures",
                table: "EmployabilityEntries",
                columns: new[] { "Kind", "RecordedAt", "OfficeCode", "ServiceCode", "Summary" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Figures",
                table: "Certificates",
                columns: new[] { "IssuedAt", "OfficeCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Vacancies_Figures",
                table: "Vacancies");

            migrationBuilder.DropIndex(
                name: "IX_Placements_Figures",
                table: "Placements");

            migrationBuilder.DropIndex(
                name: "IX_JobReferrals_Figures",
                table: "JobReferrals");

            migrationBuilder.DropIndex(
                name: "IX_EmployabilityEntries_Figures",
                table: "EmployabilityEntries");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_Figures",
                table: "Certificates");
        }
    }
}
