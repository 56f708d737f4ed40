using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caseload.Web.Api;

/// <summary>
/// Every decimal the API writes is money, written with two decimals (<c>60.00</c>), whatever scale
/// the database or the request gave it.
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDecimal();

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m);
}
