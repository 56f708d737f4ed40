using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using NodaTime.Text;

namespace Caseload.Web.Data;

/// <summary>
/// SQLite has no date or time types. Instants are stored as Unix ticks and local values as ISO
/// text, so that ordering and range comparisons in SQL give the same answer as in C#.
/// </summary>
internal static class SqliteNodaTime
{
    public static void Configure(ModelConfigurationBuilder builder)
    {
        builder.Properties<Instant>().HaveConversion<InstantConverter>();
        builder.Properties<LocalDate>().HaveConversion<LocalDateConverter>().HaveMaxLength(10);
        builder.Properties<LocalDateTime>().HaveConversion<LocalDateTimeConverter>().HaveMaxLength(19);
        builder.Properties<LocalTime>().HaveConversion<LocalTimeConverter>().HaveMaxLength(8);
    }

    private sealed class InstantConverter() : ValueConverter<Instant, long>(
        v => v.ToUnixTimeTicks(), v => Instant.FromUnixTimeTicks(v));

    private sealed class LocalDateConverter() : ValueConverter<LocalDate, string>(
        v => LocalDatePattern.Iso.Format(v), v => LocalDatePattern.Iso.Parse(v).Value);

    private sealed class LocalDateTimeConverter() : ValueConverter<LocalDateTime, string>(
        v => LocalDateTimePattern.GeneralIso.Format(v), v => LocalDateTimePattern.GeneralIso.Parse(v).Value);

    private sealed class LocalTimeConverter() : ValueConverter<LocalTime, string>(
        v => LocalTimePattern.ExtendedIso.Format(v), v => LocalTimePattern.ExtendedIso.Parse(v).Value);
}
