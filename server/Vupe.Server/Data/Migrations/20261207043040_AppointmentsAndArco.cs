using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class AppointmentsAndArco : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppointmentCalendars",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OpensAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ClosesAt = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenDays = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClosedDates = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentCalendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    SlotStart = table.Column<long>(type: "INTEGER", nullable: false),
                    SlotMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Seat = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    BookedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CancelledAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentCalendars_OfficeCode_ServiceCode",
                table: "AppointmentCalendars",
                columns: new[] { "OfficeCode", "ServiceCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OfficeCode_ServiceCode_SlotStart_Seat",
                table: "Appointments",
                columns: new[] { "OfficeCode", "ServiceCode", "SlotStart", "Seat" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_OfficeCode_SlotStart",
                table: "Appointments",
                columns: new[] { "OfficeCode", "SlotStart" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PartyId_SlotStart",
                table: "Appointments",
                columns: new[] { "PartyId", "SlotStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppointmentCalendars");

            migrationBuilder.DropTable(
                name: "Appointments");
        }
    }
}
