using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relief.Api.Common;

/// <summary>
/// Reads an enum from exactly one of its defined names (any letter case). .NET's own parsing also takes numbers
/// and comma-joined names ("Letter,Online"), which it combines into a value nobody defined: a grant booked to a
/// source nobody named, an objection no page can show. Everywhere an enum crosses the API, it is read here.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        if (text is not null && Names<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The reason given when a value is none of the names: "one of Hotline, Letter, Online".</summary>
    public static string Expected<T>() where T : struct, Enum => Names<T>.Expected;

    /// <summary>The name of a defined value, encoded once for JSON; false for a value nobody defined.</summary>
    internal static bool TryGetName<T>(T value, out JsonEncodedText name) where T : struct, Enum => Names<T>.ByValue.TryGetValue(value, out name);

    // Read on every request and written in every response: worked out once per enum.
    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<string, T> ByName =
            Enum.GetNames<T>().ToFrozenDictionary(name => name, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);

        public static readonly FrozenDictionary<T, JsonEncodedText> ByValue =
            Enum.GetNames<T>().ToFrozenDictionary(Enum.Parse<T>, name => JsonEncodedText.Encode(name));

        public static readonly string Expected = $"one of {string.Join(", ", Enum.GetNames<T>())}";
    }
}

/// <summary>A JSON value refused with a reason meant for the caller, kept through to the 400 that names its field.</summary>
public sealed class JsonFieldException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}

/// <summary>
/// JSON enums by defined name only, as <see cref="EnumNames"/> reads them; also as dictionary keys. Writing
/// never fails: a value outside the names (stored before names were checked) is written as its number, so no
/// stored record can make a read answer 500.
/// </summary>
public sealed class DefinedEnumNameConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && EnumNames.TryParse<T>(reader.GetString(), out var value)
                ? value
                : throw new JsonFieldException(EnumNames.Expected<T>());

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (EnumNames.TryGetName(value, out var name))
            {
                writer.WriteStringValue(name);
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            EnumNames.TryParse<T>(reader.GetString(), out var value) ? value : throw new JsonFieldException(EnumNames.Expected<T>());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (EnumNames.TryGetName(value, out var name))
            {
                writer.WritePropertyName(name);
            }
            else
            {
                writer.WritePropertyName(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
