using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PostgresRetentionHoldsAndOneTimeCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ContentDeletedAt",
                table: "Documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GuardedAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuardedAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OneTimeCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DestinationHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Salt = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FailedAttempts = table.Column<int>(type: "integer", nullable: false),
                    SpentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlacedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordHolds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GuardedAttempts_At",
                table: "GuardedAttempts",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_GuardedAttempts_Key_At",
                table: "GuardedAttempts",
                columns: new[] { "Key", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OneTimeCodes_ExpiresAt",
                table: "OneTimeCodes",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_OneTimeCodes_Purpose_Subject_CreatedAt",
                table: "OneTimeCodes",
                columns: new[] { "Purpose", "Subject", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RecordHolds_LiftedAt",
                table: "RecordHolds",
                column: "LiftedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RecordHolds_Target_TargetId",
                table: "RecordHolds",
                columns: new[] { "Target", "TargetId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuardedAttempts");

            migrationBuilder.DropTable(
                name: "OneTimeCodes");

            migrationBuilder.DropTable(
                name: "RecordHolds");

            migrationBuilder.DropColumn(
                name: "ContentDeletedAt",
                table: "Documents");
        }
    }
}
