using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NotesTemplatesAndDateFormat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DateFormat",
                table: "Practices",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Us");

            migrationBuilder.CreateTable(
                name: "NoteTemplates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", nullable: true),
                    Interventions = table.Column<string>(type: "TEXT", nullable: true),
                    GroupProcess = table.Column<string>(type: "TEXT", nullable: true),
                    Participation = table.Column<string>(type: "TEXT", nullable: true),
                    Progress = table.Column<string>(type: "TEXT", nullable: true),
                    MoodAffect = table.Column<string>(type: "TEXT", nullable: true),
                    Plan = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoteTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NoteTemplates_Name",
                table: "NoteTemplates",
                column: "Name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoteTemplates");

            migrationBuilder.DropColumn(
                name: "DateFormat",
                table: "Practices");
        }
    }
}
