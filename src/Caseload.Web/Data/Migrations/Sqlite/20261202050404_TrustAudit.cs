using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TrustAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "Subject",
                table: "AuditEntries",
                newName: "EntityId");

            migrationBuilder.AddColumn<string>(
                name: "ClientId",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EntityType",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Seq",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Entries written before the chain: note reads ("note:{id}" or "note:{id}/client:{id}") become
            // read/note entries with the client named, in a place below the chain's; start-up hashes them in order.
            migrationBuilder.Sql("""
                UPDATE "AuditEntries" SET
                    "Action" = 'read', "EntityType" = 'note', "Outcome" = 'allowed',
                    "ClientId" = CASE WHEN length("EntityId") > 45 THEN substr("EntityId", 46) ELSE NULL END,
                    "EntityId" = substr("EntityId", 6, 32),
                    "Seq" = -(SELECT COUNT(*) FROM "AuditEntries" b
                              WHERE b."At" < "AuditEntries"."At" OR (b."At" = "AuditEntries"."At" AND b."Id" <= "AuditEntries"."Id"))
                WHERE "Hash" = ''
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ClientId_Seq",
                table: "AuditEntries",
                columns: new[] { "ClientId", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Seq",
                table: "AuditEntries",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId_Seq",
                table: "AuditEntries",
                columns: new[] { "UserId", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ClientId_Seq",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Seq",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserId_Seq",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "EntityType",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Ip",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Seq",
                table: "AuditEntries");

            migrationBuilder.RenameColumn(
                name: "EntityId",
                table: "AuditEntries",
                newName: "Subject");
        }
    }
}
