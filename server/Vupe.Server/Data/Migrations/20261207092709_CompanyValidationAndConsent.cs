using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
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
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Validation",
                table: "CompanyAccounts",
                type: "TEXT",
                maxLength: 12,
                nullable: false,
                defaultValue: "Validated");

            migrationBuilder.AddColumn<long>(
                name: "ValidationDecidedAt",
                table: "CompanyAccounts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationDecidedBy",
                table: "CompanyAccounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ValidationReason",
                table: "CompanyAccounts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CompanyAccounts_Validation",
                table: "CompanyAccounts",
                column: "Validation");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
