using System.Text;

namespace Relief.Workflows.Engine.Expressions;

internal enum TokenKind
{
    Number,
    Text,
    Word,
    Operator,
    End,
}

internal sealed record Token(TokenKind Kind, string Text, int Position);

/// <summary>Cuts an expression into numbers, "texts", words (fields and keywords) and operators.</summary>
internal static class Tokenizer
{
    public static readonly HashSet<string> Keywords = ["and", "or", "not", "in", "true", "false"];

    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "(", ")", "[", "]", ","];

    public static IReadOnlyList<Token> Read(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(Number(text, ref i));
            }
            else if (c == '"')
            {
                tokens.Add(Quoted(text, ref i));
            }
            else if (char.IsAsciiLetter(c))
            {
                tokens.Add(Word(text, ref i));
            }
            else if (Operators.FirstOrDefault(op => string.CompareOrdinal(text, i, op, 0, op.Length) == 0) is { } op)
            {
                tokens.Add(new Token(TokenKind.Operator, op, i));
                i += op.Length;
            }
            else
            {
                throw new ExpressionSyntaxException(i, c == '=' ? "compare with '==' (a single '=' assigns nothing here)" : $"unexpected character '{c}'");
            }
        }
        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }

    private static Token Number(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }
        var number = text[start..i];
        if (number.Count(ch => ch == '.') > 1 || number.EndsWith('.') || number.Length > 20)
        {
            throw new ExpressionSyntaxException(start, $"'{number}' is not a number");
        }
        return new Token(TokenKind.Number, number, start);
    }

    private static Token Quoted(string text, ref int i)
    {
        var start = i++;
        var value = new StringBuilder();
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
            {
                i++;
            }
            value.Append(text[i++]);
        }
        if (i >= text.Length)
        {
            throw new ExpressionSyntaxException(start, "a text is not closed with '\"'");
        }
        i++;
        return new Token(TokenKind.Text, value.ToString(), start);
    }

    // A field may name a task's answer: visit.needsFollowUp.
    private static Token Word(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' || (text[i] == '.' && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]))))
        {
            i++;
        }
        return new Token(TokenKind.Word, text[start..i], start);
    }
}
