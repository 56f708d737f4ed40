using Caseload.Bench;

// dotnet run -c Release --project bench/Caseload.Bench -- generate|load|soak|smoke|explain|micro [options]; see docs/performance.md.
var verb = args.FirstOrDefault();
if (verb == "micro")
{
    MicroBenchmarks.Run(args[1..]);
    return 0;
}

if (verb is not ("generate" or "load" or "soak" or "smoke" or "explain"))
{
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 2;
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args[1..]);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + Environment.NewLine + BenchOptions.Usage);
    return 2;
}

return verb switch
{
    "generate" => await PracticeGenerator.RunAsync(options),
    "load" => await LoadHarness.RunAsync(options),
    "soak" => await Soak.RunAsync(options),
    "smoke" => await Smoke.RunAsync(options),
    _ => await QueryPlans.RunAsync(options),
};
