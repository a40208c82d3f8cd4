using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class JobBank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobReferrals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VacancyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeekerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ReferredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReferredBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobReferrals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobSeekers",
                columns: table => new
                {
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Occupations = table.Column<string>(type: "TEXT", nullable: false),
                    Mobility = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Certifications = table.Column<string>(type: "TEXT", nullable: false),
                    ExpectedSalary = table.Column<decimal>(type: "TEXT", nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    SharesProfile = table.Column<bool>(type: "INTEGER", nullable: false),
                    EducationRank = table.Column<int>(type: "INTEGER", nullable: false),
                    ExperienceMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", nullable: false),
                    Ubigeo = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobSeekers", x => x.PartyId);
                });

            migrationBuilder.CreateTable(
                name: "Placements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VacancyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeekerPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Placements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Vacancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyPartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OccupationCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Ubigeo = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Remote = table.Column<bool>(type: "INTEGER", nullable: false),
                    MinEducation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MinExperienceMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Certifications = table.Column<string>(type: "TEXT", nullable: false),
                    Skills = table.Column<string>(type: "TEXT", nullable: false),
                    SalaryMin = table.Column<decimal>(type: "TEXT", nullable: true),
                    SalaryMax = table.Column<decimal>(type: "TEXT", nullable: true),
                    Positions = table.Column<int>(type: "INTEGER", nullable: false),
                    PositionsFilled = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SearchText = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Vacancies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobReferrals_CaseId",
                table: "JobReferrals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_JobReferrals_SeekerPartyId_ReferredAt",
                table: "JobReferrals",
                columns: new[] { "SeekerPartyId", "ReferredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobReferrals_VacancyId_SeekerPartyId",
                table: "JobReferrals",
                columns: new[] { "VacancyId", "SeekerPartyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobSeekers_Active_SharesProfile",
                table: "JobSeekers",
                columns: new[] { "Active", "SharesProfile" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_OfficeCode_StartDate",
                table: "Placements",
                columns: new[] { "OfficeCode", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_ReferralId",
                table: "Placements",
                column: "ReferralId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Placements_RegionCode_OccupationCode_StartDate",
                table: "Placements",
                columns: new[] { "RegionCode", "OccupationCode", "StartDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Placements_SeekerPartyId",
                table: "Placements",
                column: "SeekerPartyId");

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_CompanyPartyId",
                table: "Vacancies",
                column: "CompanyPartyId");

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_RegionCode_OccupationCode",
                table: "Vacancies",
                columns: new[] { "RegionCode", "OccupationCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Vacancies_Status_ClosingDate",
                table: "Vacancies",
                columns: new[] { "Status", "ClosingDate" });

            // Full-text search of vacancies (SQLite FTS5, accent-insensitive), kept current by triggers in the same
            // transaction as the vacancy's row; PostgreSQL gets its own full-text index when the server runs on it.
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("CREATE VIRTUAL TABLE VacancySearch USING fts5(SearchText, content='Vacancies', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');");
                migrationBuilder.Sql("CREATE TRIGGER VacancySearch_ai AFTER INSERT ON Vacancies BEGIN INSERT INTO VacancySearch(rowid, SearchText) VALUES (new.rowid, new.SearchText); END;");
                migrationBuilder.Sql("CREATE TRIGGER VacancySearch_ad AFTER DELETE ON Vacancies BEGIN INSERT INTO VacancySearch(VacancySearch, rowid, SearchText) VALUES ('delete', old.rowid, old.SearchText); END;");
                migrationBuilder.Sql("CREATE TRIGGER VacancySearch_au AFTER UPDATE OF SearchText ON Vacancies BEGIN INSERT INTO VacancySearch(VacancySearch, rowid, SearchText) VALUES ('delete', old.rowid, old.SearchText); INSERT INTO VacancySearch(rowid, SearchText) VALUES (new.rowid, new.SearchText); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            if (migrationBuilder.ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
            {
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS VacancySearch_ai;");
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS VacancySearch_ad;");
                migrationBuilder.Sql("DROP TRIGGER IF EXISTS VacancySearch_au;");
                migrationBuilder.Sql("DROP TABLE IF EXISTS VacancySearch;");
            }
            migrationBuilder.DropTable(
                name: "JobReferrals");

            migrationBuilder.DropTable(
                name: "JobSeekers");

            migrationBuilder.DropTable(
                name: "Placements");

            migrationBuilder.DropTable(
                name: "Vacancies");
        }
    }
}
