using Relief.Workflows.Funds;

namespace Relief.Api.Common;

/// <summary>Collects what is wrong with a request, field by field, while it is mapped to domain values.</summary>
public sealed class FieldErrors
{
    public Dictionary<string, List<string>> ByField { get; } = [];

    public bool Any => ByField.Count > 0;

    public void Add(string field, string reason)
    {
        if (!ByField.TryGetValue(field, out var reasons))
        {
            ByField[field] = reasons = [];
        }
        reasons.Add(reason);
    }

    /// <summary>
    /// The largest amount one request may name: 100 billion yuan, far above any season's national total, and low
    /// enough that no account's sums can overflow its 64-bit fen however many movements it holds in practice.
    /// </summary>
    public const decimal MaxYuan = 100_000_000_000m;

    /// <summary>A required amount in yuan with at most two decimals.</summary>
    public Money Amount(string field, decimal? yuan, bool mustBePositive = true, bool allowZero = false)
    {
        if (yuan is null)
        {
            Add(field, "the amount is missing");
            return Money.Zero;
        }
        if (Math.Abs(yuan.Value) > MaxYuan)
        {
            Add(field, $"at most {MaxYuan:0} yuan");
            return Money.Zero;
        }
        if (!Money.TryParseYuan(yuan.Value, out var money))
        {
            Add(field, "an amount has at most two decimals (yuan and fen)");
            return Money.Zero;
        }
        if (mustBePositive && !money.IsPositive && !(allowZero && money.Fen == 0))
        {
            Add(field, allowZero ? "the amount cannot be negative" : "the amount must be more than 0");
        }
        return money;
    }

    public T Required<T>(string field, T? value) where T : struct
    {
        if (value is null)
        {
            Add(field, "the field is missing");
        }
        return value.GetValueOrDefault();
    }

    /// <summary>
    /// Text of at most <paramref name="maxLength"/> characters, trimmed. Free text (<paramref name="multiline"/>)
    /// may hold line breaks and tabs; no text holds other control characters or characters that print nothing
    /// or hide what follows (see <see cref="TextCharacters"/>).
    /// </summary>
    public string Text(string field, string? value, int maxLength, bool required = true, bool multiline = false)
    {
        var text = value?.Trim() ?? "";
        if (required && text.Length == 0)
        {
            Add(field, "the field is missing");
        }
        else if (text.Length > maxLength)
        {
            Add(field, $"at most {maxLength} characters");
        }
        else if (TextCharacters.FirstUnfit(text, multiline) is { } unfit)
        {
            Add(field, $"holds a character text may not hold ({unfit})");
        }
        return text;
    }
}
