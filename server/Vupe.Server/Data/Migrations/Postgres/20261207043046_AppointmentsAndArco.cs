using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vupe.Server.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ServiceCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OpensAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    ClosesAt = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    OpenDays = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ClosedDates = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentCalendars", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    ServiceCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SlotStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SlotMinutes = table.Column<int>(type: "integer", nullable: false),
                    Seat = table.Column<int>(type: "integer", nullable: true),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReminderError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
