using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Caseload.Web.Tests.Infrastructure;
using Caseload.Web.Tests.Notes;

namespace Caseload.Web.Tests.Operations;

/// <summary>A practice that leaves takes everything: one CSV per table with a README of the columns, for administrators, audited.</summary>
public abstract class PracticeExportTests(CaseloadApp app)
{
    private const string Path = "/api/v1/practice/export";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Export_HoldsEveryTableAsCsv_WithTheNotesText_AndAReadmeOfTheColumns_ButNoSignInSecrets()
    {
        var session = await app.HeldSessionAsync();
        var quoted = NotesApi.Shared with { Topic = "Holidays, \"family\" and food" };
        await session.Http.SaveDraftAsync(session.Id, session.Complete() with { Shared = quoted });
        var admin = await app.AdminAsync();

        var response = await admin.GetAsync(Path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(Ct));
        var readme = await TextAsync(zip, "README.md");
        var clients = Csv(await TextAsync(zip, "Clients.csv"));
        var notes = await TextAsync(zip, "Notes.csv");
        var users = Csv(await TextAsync(zip, "AspNetUsers.csv"));

        Assert.Contains("## Clients.csv", readme, StringComparison.Ordinal);
        Assert.Contains("| FirstName |", readme, StringComparison.Ordinal);
        Assert.Contains(session.Alice, clients.Skip(1).Select(row => row[clients[0].IndexOf("Id")]));
        Assert.Contains(quoted.Topic, Csv(notes).SelectMany(row => row));
        Assert.Contains(NotesApi.AliceParticipation, notes, StringComparison.Ordinal);
        Assert.Contains("Email", users[0]);
        Assert.DoesNotContain("PasswordHash", users[0]);
        Assert.DoesNotContain("SecurityStamp", users[0]);
        Assert.Null(zip.GetEntry("DataProtectionKeys.csv"));
        Assert.Null(zip.GetEntry("AspNetUserTokens.csv"));
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".csv", StringComparison.Ordinal)))
        {
            var header = Csv(await TextAsync(zip, entry.Name))[0];
            Assert.Contains($"## {entry.Name}", readme, StringComparison.Ordinal);
            Assert.All(header, column => Assert.Contains($"| {column} |", readme, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Export_WritesAnExportEntryForEveryClient()
    {
        var session = await app.HeldSessionAsync();
        var admin = await app.AdminAsync();

        (await admin.GetAsync(Path, Ct)).EnsureSuccessStatusCode();

        foreach (var client in new[] { session.Alice, session.Bob })
        {
            var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit?clientId={client}&action=export", Ct);
            var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
            Assert.Equal(("practice", "export"), (entry.GetProperty("entityType").GetString(), entry.GetProperty("entityId").GetString()));
        }
    }

    [Theory]
    [InlineData("Clinician")]
    [InlineData("Scheduler")]
    [InlineData("Biller")]
    public async Task Export_ByAnyoneButAnAdministrator_IsForbidden(string role)
    {
        var staff = await app.StaffAsync(role);

        var response = await staff.Client.GetAsync(Path, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<string> TextAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        Assert.True(entry is not null, $"{name} is missing from the export");
        using var reader = new StreamReader(entry.Open());
        return await reader.ReadToEndAsync(Ct);
    }

    /// <summary>RFC 4180 rows: quoted values may hold commas, doubled quotes and line breaks.</summary>
    private static List<List<string>> Csv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var value = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    value.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    value.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(value.ToString());
                value.Clear();
            }
            else if (c == '\n')
            {
                row.Add(value.ToString().TrimEnd('\r'));
                value.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                value.Append(c);
            }
        }

        return rows;
    }
}

public sealed class PracticeExportSqliteTests(SqliteApp app) : PracticeExportTests(app), IClassFixture<SqliteApp>;

public sealed class PracticeExportPostgresTests(PostgresApp app) : PracticeExportTests(app), IClassFixture<PostgresApp>;
