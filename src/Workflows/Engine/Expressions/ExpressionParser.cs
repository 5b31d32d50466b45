using System.Globalization;

namespace Relief.Workflows.Engine.Expressions;

/// <summary>
/// Reads the expression language by recursive descent, loosest first:
/// <c>or</c> → <c>and</c> → <c>not</c> → comparison (<c>== != &lt; &lt;= &gt; &gt;=</c>, <c>in</c>, <c>not in</c>)
/// → <c>+ -</c> → <c>*</c> → unary minus → a literal (number, "text", true, false, a list), a field
/// (<c>visit.needsFollowUp</c>) or a parenthesised expression. Words are English; fields are ASCII names.
/// </summary>
public static class ExpressionParser
{
    public const int MaxLength = 2000;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Expression> Checked = new(StringComparer.Ordinal);

    /// <summary>
    /// A condition of a saved definition (checked when it was saved), parsed once per silo: cases work out the same
    /// few conditions at every step and on every read of their route.
    /// </summary>
    public static Expression ParseSaved(string text) => Checked.GetOrAdd(text, t => Parse(t).Expression
        ?? throw new InvalidOperationException($"A saved condition does not parse: {t}"));

    public static (Expression? Expression, ExpressionProblem? Problem) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new ExpressionProblem(0, "the condition is empty"));
        }
        if (text.Length > MaxLength)
        {
            return (null, new ExpressionProblem(MaxLength, $"a condition has at most {MaxLength} characters"));
        }
        try
        {
            var reader = new Reader(Tokenizer.Read(text));
            var expression = reader.Or();
            reader.ExpectEnd();
            return (expression, null);
        }
        catch (ExpressionSyntaxException ex)
        {
            return (null, new ExpressionProblem(ex.Position, ex.Message));
        }
    }

    private sealed class Reader(IReadOnlyList<Token> tokens)
    {
        // Deep enough for any real condition; a hostile one cannot exhaust the stack.
        private const int MaxDepth = 64;
        private int _next;
        private int _depth;

        private Token Peek => tokens[_next];

        public void ExpectEnd()
        {
            if (Peek.Kind != TokenKind.End)
            {
                throw new ExpressionSyntaxException(Peek.Position, $"unexpected '{Peek.Text}'");
            }
        }

        public Expression Or() => LeftAssociative(And, "or");

        private Expression And() => LeftAssociative(Not, "and");

        private Expression Not()
        {
            if (IsWord("not"))
            {
                var at = Take().Position;
                return Nested(() => new Unary(at, "not", Not()));
            }
            return Comparison();
        }

        private Expression Comparison()
        {
            var left = Sum();
            if (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=")
            {
                var op = Take();
                return new Binary(op.Position, op.Text, left, Sum());
            }
            if (IsWord("in"))
            {
                var at = Take().Position;
                return new Binary(at, "in", left, Sum());
            }
            if (IsWord("not") && _next + 1 < tokens.Count && tokens[_next + 1] is { Kind: TokenKind.Word, Text: "in" })
            {
                var at = Take().Position;
                Take();
                return new Binary(at, "not in", left, Sum());
            }
            return left;
        }

        private Expression Sum() => LeftAssociative(Product, "+", "-");

        private Expression Product() => LeftAssociative(Negation, "*");

        private Expression Negation()
        {
            if (Peek is { Kind: TokenKind.Operator, Text: "-" })
            {
                var at = Take().Position;
                return Nested(() => new Unary(at, "-", Negation()));
            }
            return Primary();
        }

        private Expression Primary()
        {
            var token = Take();
            switch (token.Kind)
            {
                case TokenKind.Number:
                    return new Literal(token.Position, ExpressionValue.Of(decimal.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
                case TokenKind.Text:
                    return new Literal(token.Position, ExpressionValue.Of(token.Text));
                case TokenKind.Word when token.Text is "true" or "false":
                    return new Literal(token.Position, ExpressionValue.Of(token.Text == "true"));
                case TokenKind.Word when Tokenizer.Keywords.Contains(token.Text):
                    throw new ExpressionSyntaxException(token.Position, $"'{token.Text}' needs something before it");
                case TokenKind.Word:
                    return new FieldReference(token.Position, token.Text);
                case TokenKind.Operator when token.Text == "(":
                    var inner = Nested(Or);
                    Expect(")", "a closing ')'");
                    return inner;
                case TokenKind.Operator when token.Text == "[":
                    return List(token.Position);
                case TokenKind.End:
                    throw new ExpressionSyntaxException(token.Position, "the condition ends too soon");
                default:
                    throw new ExpressionSyntaxException(token.Position, $"unexpected '{token.Text}'");
            }
        }

        private ListLiteral List(int at)
        {
            var items = new List<Expression>();
            if (Peek is not { Kind: TokenKind.Operator, Text: "]" })
            {
                do
                {
                    items.Add(Negation());
                }
                while (TakeIf(","));
            }
            Expect("]", "a closing ']'");
            return new ListLiteral(at, items);
        }

        private Expression LeftAssociative(Func<Expression> operand, params string[] operators)
        {
            var left = operand();
            while (operators.Contains(Peek.Text) && Peek.Kind is TokenKind.Operator or TokenKind.Word)
            {
                var op = Take();
                left = new Binary(op.Position, op.Text, left, Nested(operand));
            }
            return left;
        }

        private Expression Nested(Func<Expression> read)
        {
            if (++_depth > MaxDepth)
            {
                throw new ExpressionSyntaxException(Peek.Position, $"nested more than {MaxDepth} deep");
            }
            try
            {
                return read();
            }
            finally
            {
                _depth--;
            }
        }

        private bool IsWord(string word) => Peek.Kind == TokenKind.Word && Peek.Text == word;

        private Token Take() => Peek.Kind == TokenKind.End ? Peek : tokens[_next++];

        private bool TakeIf(string op)
        {
            if (Peek is { Kind: TokenKind.Operator } && Peek.Text == op)
            {
                _next++;
                return true;
            }
            return false;
        }

        private void Expect(string op, string what)
        {
            if (!TakeIf(op))
            {
                throw new ExpressionSyntaxException(Peek.Position, $"expected {what}, found {(Peek.Kind == TokenKind.End ? "the end" : $"'{Peek.Text}'")}");
            }
        }
    }
}
