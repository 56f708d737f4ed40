using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NotesAttendanceCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
