namespace Relief.Workflows.Engine.Expressions;

/// <summary>
/// A parsed condition of a <c>decide</c> node, e.g. <c>amount &gt; 5000 and category in ["archived", "low-income"]</c>.
/// The language has comparisons, <c>and</c> / <c>or</c> / <c>not</c>, membership in a list, and <c>+ - *</c>
/// on numbers and money (money to the fen; money is multiplied only by a whole number). It has no calls, no
/// assignment and no access to anything but the variables it is given: nothing in it runs code.
/// </summary>
public abstract record Expression(int Position);

public sealed record Literal(int Position, ExpressionValue Value) : Expression(Position);

/// <summary>A variable of the case: an application field (<c>amount</c>) or a task's answer (<c>visit.needsFollowUp</c>).</summary>
public sealed record FieldReference(int Position, string Name) : Expression(Position);

public sealed record ListLiteral(int Position, IReadOnlyList<Expression> Items) : Expression(Position);

public sealed record Unary(int Position, string Operator, Expression Operand) : Expression(Position);

public sealed record Binary(int Position, string Operator, Expression Left, Expression Right) : Expression(Position);

/// <summary>A problem with an expression, at a character position (0-based) of its text.</summary>
public sealed record ExpressionProblem(int Position, string Reason)
{
    public override string ToString() => $"at {Position + 1}: {Reason}";
}

/// <summary>Thrown inside the parser only; surfaces as an <see cref="ExpressionProblem"/>.</summary>
internal sealed class ExpressionSyntaxException(int position, string reason) : Exception(reason)
{
    public int Position { get; } = position;
}
