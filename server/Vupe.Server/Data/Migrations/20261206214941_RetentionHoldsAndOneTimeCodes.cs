using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class RetentionHoldsAndOneTimeCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ContentDeletedAt",
                table: "Documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "GuardedAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuardedAttempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OneTimeCodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DestinationHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Salt = table.Column<byte[]>(type: "BLOB", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SpentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OneTimeCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RecordHolds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
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
