using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoomKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RoomKey",
                table: "Appointments",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.Sql("UPDATE \"Appointments\" SET \"RoomKey\" = lower(\"Location\") WHERE \"Location\" IS NOT NULL AND lower(\"Location\") NOT LIKE 'http%';");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_RoomKey_StartsAt",
                table: "Appointments",
                columns: new[] { "RoomKey", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Appointments_RoomKey_StartsAt",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "RoomKey",
                table: "Appointments");
        }
    }
}
