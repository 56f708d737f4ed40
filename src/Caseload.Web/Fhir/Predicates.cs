using System.Linq.Expressions;

namespace Caseload.Web.Fhir;

/// <summary>A comma list of search values means "any of these": their conditions joined by OR into one the database runs.</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> AnyOf<T>(IEnumerable<Expression<Func<T, bool>>> conditions)
    {
        var parameter = Expression.Parameter(typeof(T), "x");
        var body = conditions
            .Select(c => new Rebind(c.Parameters[0], parameter).Visit(c.Body))
            .Aggregate<Expression, Expression?>(null, (all, next) => all is null ? next : Expression.OrElse(all, next));
        return Expression.Lambda<Func<T, bool>>(body ?? Expression.Constant(false), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
