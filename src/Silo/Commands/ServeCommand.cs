using Relief.Api;
using Relief.Api.Acting;
using Orleans.Dashboard;
using Relief.Api.Common;
using Relief.Silo.Accounts;
using Relief.Silo.Configuration;
using Relief.Silo.Health;
using Relief.Silo.Telemetry;

namespace Relief.Silo.Commands;

/// <summary>The ordinary run: the silo and the HTTP API in one process until stopped.</summary>
public static class ServeCommand
{
    public static async Task<int> Run(string[] args)
    {
        var app = Build(args);
        await using (app)
        {
            await app.RunAsync();
        }
        return 0;
    }

    /// <summary>
    /// The whole process, built but not started: the silo, the API, the pages. <paramref name="overrides"/> lets an
    /// in-process host (the browser tests) swap a service, such as the domain clock, before anything resolves it.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? overrides = null)
    {
        // Settings ship beside the binary; the data folder stays relative to the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var storage = StorageSettings.FromConfiguration(builder.Configuration);
        var cluster = ClusterSettings.FromConfiguration(builder.Configuration);
        var seedDemo = storage.Mode == StorageMode.Embedded && DemoHierarchySetting(builder.Configuration["Relief:DemoHierarchy"]);
        var auth = AuthConfiguration.FromConfiguration(builder.Configuration, storage);
        var folderLock = DataFolderLock.Acquire(storage);

        // Telemetry before the overrides: the tail decision (KeptRootProcessor) must see each span before any exporter
        // added after it does, an in-process host's included.
        builder.AddReliefTelemetry();
        overrides?.Invoke(builder.Services);
        // Requests are small JSON; the CSV filing route allows more (see CaseEndpoints).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = ApiRegistration.DefaultBodyLimit);
        // Start the web server alongside the silo, so /health/ready can say "not yet" while the silo waits for its database.
        builder.Services.Configure<HostOptions>(options => options.ServicesStartConcurrently = true);
        builder.Services.AddReliefHealth();
        builder.AddReliefSilo(storage, cluster, seedDemo, seedDemoAccounts: seedDemo && auth.LocalSignIn);
        builder.Services.AddReliefAuthentication(auth);
        builder.Services.AddReliefApi();
        builder.Services.AddReliefOpenApi();

        var app = builder.Build();
        // The data folder stays ours until the host is gone.
        app.Lifetime.ApplicationStopped.Register(folderLock.Dispose);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseReliefDenialLog();
        app.UseReliefApiReference();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapReliefHealth();
        app.MapReliefApi();
        app.MapReliefOpenApi();
        app.MapReliefMetrics();
        app.MapOrleansDashboard(AuthenticationSetup.DashboardPath).RequireAuthorization(AuthenticationSetup.OpsPolicy);
        if (auth.LocalSignIn)
        {
            app.MapLocalSignIn();
        }
        app.Logger.LogInformation("Relief silo starting in {Mode} mode on {Database}", storage.Mode, storage.Describe());
        return app;
    }

    private static bool DemoHierarchySetting(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        return bool.TryParse(text, out var value)
            ? value
            : throw new ReliefConfigurationException("Relief:DemoHierarchy", $"'{text}' is not true or false");
    }
}
