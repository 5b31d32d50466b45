using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Relief.Api.Common;

/// <summary>
/// The OpenAPI document generated from the endpoints (<c>/openapi/v1.json</c>), with the bearer scheme, and the
/// interactive reference page (<c>/api-docs</c>, Swagger UI served from its package, no CDN).
/// </summary>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "api-docs";

    public static IServiceCollection AddReliefOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddSchemaTransformer(DescribeEnumsByName).AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Relief",
                Version = "v1",
                Description = "送温暖 aid campaigns: cases up the hierarchy, money down it. Sign in for a bearer token; the public notice routes need none.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token naming sub, relief_unit and role claims (POST /api/auth/sign-in in embedded mode).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));

    /// <summary>
    /// Enums travel as one of their names (<see cref="DefinedEnumNameConverter"/>); the generator cannot see into a
    /// converter of our own, so each enum's schema is said here: a string, one of the names.
    /// </summary>
    private static Task DescribeEnumsByName(OpenApiSchema schema, Microsoft.AspNetCore.OpenApi.OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = context.JsonTypeInfo.Type;
        var enumType = Nullable.GetUnderlyingType(type) ?? type;
        if (enumType.IsEnum)
        {
            // A string, even where the request type is nullable: null there only lets the route say "missing".
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(enumType).Select(name => (System.Text.Json.Nodes.JsonNode)name)];
        }
        return Task.CompletedTask;
    }

    public static IEndpointRouteBuilder MapReliefOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }

    public static IApplicationBuilder UseReliefApiReference(this IApplicationBuilder app) =>
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = ReferencePath;
            ui.SwaggerEndpoint(DocumentPath, "Relief v1");
            ui.DocumentTitle = "Relief API";
        });
}
