using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompanyValidationAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SunatReference",
                table: "CompanyAccounts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validation",
                table: "CompanyAccounts",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "Validated");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ValidationDecidedAt",
                table: "CompanyAccounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationDecidedBy",
                table: "CompanyAccounts",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationReason",
                table: "CompanyAccounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "VacancyDigests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Vacancies = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VacancyDigests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CompanyAccounts_Validation",
                table: "CompanyAccounts",
                column: "Validation");

            migrationBuilder.CreateIndex(
                name: "IX_VacancyDigests_AccountId_Day",
                table: "VacancyDigests",
                columns: new[] { "AccountId", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VacancyDigests");

            migrationBuilder.DropIndex(
                name: "IX_CompanyAccounts_Validation",
                table: "CompanyAccounts");

            migrationBuilder.DropColumn(
                name: "SunatReference",
                table: "CompanyAccounts");

            migrationBuilder.DropColumn(
                name: "Validation",
                table: "CompanyAccounts");

            migrationBuilder.DropColumn(
                name: "ValidationDecidedAt",
                table: "CompanyAccounts");

            migrationBuilder.DropColumn(
                name: "ValidationDecidedBy",
                table: "CompanyAccounts");

            migrationBuilder.DropColumn(
                name: "ValidationReason",
                table: "CompanyAccounts");
        }
    }
}
