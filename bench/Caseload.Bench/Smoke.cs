namespace Caseload.Bench;

/// <summary>
/// That the bench still works: a one-clinician practice (5,590 appointments with their history) in a
/// temporary folder, every scenario run briefly on SQLite, then the soak for six seconds on two instances.
/// Fails when the bench crashes or any request fails; it asserts nothing about time.
/// </summary>
internal static class Smoke
{
    public static async Task<int> RunAsync(BenchOptions given)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"caseload-smoke-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var options = BenchOptions.Parse(
            [
                "--db", Path.Combine(dir, "practice.db"), "--out", dir, "--app", given.AppPath, "--clinicians", "1", "--force",
                "--feed-requests", "5", "--concurrency", "4", "--duration", "1", "--warmup", "1", "--page-requests", "5", "--series", "1", "--reminders", "20",
            ]);
            var generated = await PracticeGenerator.RunAsync(options);
            var loaded = generated == 0 ? await LoadHarness.RunAsync(options) : generated;

            // The soak mode for six seconds on two instances: that it runs, not what it measures.
            var soaked = loaded == 0 ? await Soak.RunAsync(options with { Minutes = 0.1, Instances = 2, Concurrency = 2 }) : loaded;
            Console.WriteLine(soaked == 0 ? "Bench smoke: every scenario ran and every request succeeded." : "Bench smoke: FAILED.");
            return soaked;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
