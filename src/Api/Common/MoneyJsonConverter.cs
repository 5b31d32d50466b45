using System.Text.Json;
using System.Text.Json.Serialization;
using Relief.Workflows.Funds;

namespace Relief.Api.Common;

/// <summary>Money leaves the API as a yuan string with two decimals ("1500.00"), so no client rounds it as a float.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var ok = reader.TokenType == JsonTokenType.String
            ? Money.TryParseYuan(reader.GetString(), out var money)
            : Money.TryParseYuan(reader.GetDecimal(), out money);
        return ok ? money : throw new JsonException("an amount is yuan with at most two decimals");
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
