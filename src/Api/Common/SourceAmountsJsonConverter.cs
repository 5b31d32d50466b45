using System.Text.Json;
using System.Text.Json.Serialization;
using Relief.Workflows.Funds;

namespace Relief.Api.Common;

/// <summary>
/// Money by funding source on the wire: one yuan string per source and their <c>total</c>, nothing else. The
/// domain type's own predicates (<c>IsZero</c>, <c>IsNonNegative</c>) are rules for the books, not figures a
/// finance officer reads, and a reader summing the object's amounts must not meet them.
/// </summary>
public sealed class SourceAmountsJsonConverter : JsonConverter<SourceAmounts>
{
    public override SourceAmounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonFieldException("amounts by funding source, e.g. { \"NationalAllocation\": \"100.00\" }");
        }
        var amounts = SourceAmounts.None;
        var money = (JsonConverter<Money>)options.GetConverter(typeof(Money));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "total", StringComparison.OrdinalIgnoreCase))
            {
                reader.Skip();
                continue;
            }
            if (!EnumNames.TryParse<FundingSource>(name, out var source))
            {
                throw new JsonFieldException(EnumNames.Expected<FundingSource>());
            }
            amounts = amounts.With(source, money.Read(ref reader, typeof(Money), options));
        }
        return amounts;
    }

    public override void Write(Utf8JsonWriter writer, SourceAmounts value, JsonSerializerOptions options)
    {
        var money = (JsonConverter<Money>)options.GetConverter(typeof(Money));
        writer.WriteStartObject();
        foreach (var source in SourceAmounts.Sources)
        {
            writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(source.ToString()) ?? source.ToString());
            money.Write(writer, value[source], options);
        }
        writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName("Total") ?? "Total");
        money.Write(writer, value.Total, options);
        writer.WriteEndObject();
    }
}
