using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caseload.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InsuranceClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BillingCity",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingLine1",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingName",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingNpi",
                table: "Practices",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingState",
                table: "Practices",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingTaxId",
                table: "Practices",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingTaxonomy",
                table: "Practices",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BillingZip",
                table: "Practices",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClearinghouseName",
                table: "Practices",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ClearinghouseProduction",
                table: "Practices",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ClearinghouseReceiverId",
                table: "Practices",
                type: "TEXT",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClearinghouseSubmitterId",
                table: "Practices",
                type: "TEXT",
                maxLength: 15,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Npi",
                table: "Clinicians",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Taxonomy",
                table: "Clinicians",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DiagnosisCodes",
                table: "Clients",
                type: "TEXT",
                maxLength: 120,
                nullable: false,
                defaultValueSql: "''");

            migrationBuilder.AddColumn<string>(
                name: "PayerId",
                table: "Clients",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriberDateOfBirth",
                table: "Clients",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriberFirstName",
                table: "Clients",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriberLastName",
                table: "Clients",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubscriberRelationship",
                table: "Clients",
                type: "TEXT",
                maxLength: 8,
                nullable: false,
                defaultValue: "Self");

            migrationBuilder.CreateTable(
                name: "ClaimBatches",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Interchange = table.Column<string>(type: "TEXT", nullable: false),
                    DownloadedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimBatches", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "Claims",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InvoiceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AppointmentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClinicianId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MemberId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ServiceDate = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PlaceOfService = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Adjusted = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    BatchNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Claims_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Claims_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Claims_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Remittances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Remittances", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ClaimLines",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClaimId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Modifier = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Charge = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimLines_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PayerPayments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReceivedOn = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemittanceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayerPayments_Remittances_RemittanceId",
                        column: x => x.RemittanceId,
                        principalTable: "Remittances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnmatchedRemittances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RemittanceId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TraceNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimRef = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    StatusCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Charge = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PayerClaimNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmatchedRemittances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnmatchedRemittances_Remittances_RemittanceId",
                        column: x => x.RemittanceId,
                        principalTable: "Remittances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PayerPaymentLine",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PaymentId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClaimId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Paid = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PatientResponsibility = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerPaymentLine", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayerPaymentLine_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayerPaymentLine_PayerPayments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "PayerPayments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PayerAdjustment",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LineId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Group = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerAdjustment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayerAdjustment_PayerPaymentLine_LineId",
                        column: x => x.LineId,
                        principalTable: "PayerPaymentLine",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimLines_ClaimId",
                table: "ClaimLines",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_AppointmentId",
                table: "Claims",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_BatchNumber",
                table: "Claims",
                column: "BatchNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Claims_ClientId_ServiceDate",
                table: "Claims",
                columns: new[] { "ClientId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_InvoiceId",
                table: "Claims",
                column: "InvoiceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_Number",
                table: "Claims",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Claims_State_ServiceDate",
                table: "Claims",
                columns: new[] { "State", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_PayerAdjustment_LineId",
                table: "PayerAdjustment",
                column: "LineId");

            migrationBuilder.CreateIndex(
                name: "IX_PayerPaymentLine_ClaimId",
                table: "PayerPaymentLine",
                column: "ClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_PayerPaymentLine_PaymentId",
                table: "PayerPaymentLine",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_PayerPayments_Payer_Reference",
                table: "PayerPayments",
                columns: new[] { "Payer", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_PayerPayments_RemittanceId",
                table: "PayerPayments",
                column: "RemittanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Remittances_Hash",
                table: "Remittances",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedRemittances_RemittanceId",
                table: "UnmatchedRemittances",
                column: "RemittanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimBatches");

            migrationBuilder.DropTable(
                name: "ClaimLines");

            migrationBuilder.DropTable(
                name: "PayerAdjustment");

            migrationBuilder.DropTable(
                name: "UnmatchedRemittances");

            migrationBuilder.DropTable(
                name: "PayerPaymentLine");

            migrationBuilder.DropTable(
                name: "Claims");

            migrationBuilder.DropTable(
                name: "PayerPayments");

            migrationBuilder.DropTable(
                name: "Remittances");

            migrationBuilder.DropColumn(
                name: "BillingCity",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingLine1",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingName",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingNpi",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingState",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingTaxId",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingTaxonomy",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "BillingZip",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ClearinghouseName",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ClearinghouseProduction",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ClearinghouseReceiverId",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "ClearinghouseSubmitterId",
                table: "Practices");

            migrationBuilder.DropColumn(
                name: "Npi",
                table: "Clinicians");

            migrationBuilder.DropColumn(
                name: "Taxonomy",
                table: "Clinicians");

            migrationBuilder.DropColumn(
                name: "DiagnosisCodes",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "PayerId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SubscriberDateOfBirth",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SubscriberFirstName",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SubscriberLastName",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SubscriberRelationship",
                table: "Clients");
        }
    }
}
