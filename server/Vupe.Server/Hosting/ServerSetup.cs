using Vupe.Server.Appointments;
using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Vupe.Engine;
using Vupe.Engine.Hangfire;
using Vupe.Engine.Persistence;
using Vupe.JobBank.Handlers;
using Vupe.Server.Admin;
using Vupe.Server.Audit;
using Vupe.Server.Auth;
using Vupe.Server.Cases;
using Vupe.Server.Figures;
using Vupe.Server.Data;
using Vupe.Server.Inbox;
using Vupe.Server.Offices;
using Vupe.Server.Operations;
using Vupe.Server.JobBank;
using Vupe.Server.Idempotency;
using Vupe.Server.Notifications;
using Vupe.Server.Parties;
using Vupe.Server.Portal;
using Vupe.Server.Problems;
using Vupe.Server.Procedures;
using Vupe.Server.Decisions;
using Vupe.Server.Deployments;
using Vupe.Server.Certificates;
using Vupe.Server.Documents;
using Vupe.Server.Trust;
using Vupe.Connectors;
using Vupe.Documents;
using Vupe.Documents.Pdf;
using Vupe.Documents.Signing;
using Vupe.Documents.Storage;
using Vupe.Workflows;
using Vupe.Workflows.Cul;
using Vupe.Workflows.Documents;

namespace Vupe.Server.Hosting;

/// <summary>Composition of the server: what it registers and the order of its middleware.</summary>
public static class ServerSetup
{
    /// <summary>The scheme that picks bearer or cookie per request.</summary>
    public const string SmartScheme = "vupe";

    /// <summary>The language of what the server's users read (es-PE).</summary>
    public static readonly CultureInfo UiCulture = CultureInfo.GetCultureInfo("es-PE");

    public static WebApplicationBuilder AddVupeServer(this WebApplicationBuilder builder)
    {
        // The engine's libraries report deployment problems in English unless the UI culture is Spanish: every thread
        // of the server (requests, hosted services, Hangfire workers) reads Spanish. Only the UI culture: number and
        // date formatting (CurrentCulture) stays as it was.
        CultureInfo.DefaultThreadCurrentUICulture = UiCulture;
        var services = builder.Services;
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section))
            .Validate(o => o.InboxCountLimit >= 1, "Vupe:InboxCountLimit must be at least 1.").ValidateOnStart();
        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        Directory.CreateDirectory(options.DataDirectory);
        // The provider decides what is registered, so its settings are read (and checked) now, before the host is built.
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Problem() is null, "Vupe:Database is not valid.").ValidateOnStart();
        var database = ServerDatabase.From(builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(), options);
        services.AddSingleton(database);
        services.AddHostedService<StartupLock>();
        // The first hosted service: the migrations run before anything reads the database (on PostgreSQL the
        // data-protection key ring is there, and ASP.NET Core reads it at start).
        services.AddHostedService<DatabaseInitializer>();

        if (options.SeedDemoData ?? builder.Environment.IsDevelopment())
        {
            // Lets the demo seeder date its history in the past (Data/Demo/DemoClock); zero offset once it is done.
            var clock = new Data.Demo.DemoClock();
            services.AddSingleton(clock);
            services.AddSingleton<TimeProvider>(clock);
        }
        else services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        // Every save of the server's tables goes through the database's one writer, the engine store's (DatabaseWriter).
        services.AddSingleton<DatabaseWriter>();
        services.AddSingleton<SingleWriterSaveChanges>();
        database.AddServices(services);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<EngineAudit>();
        services.AddSingleton(_ => VupeCatalogue.Load());
        // One evaluator for business rule tasks and for decision testing: the same code path.
        services.AddSingleton<IDecisionEvaluator>(sp => sp.GetRequiredService<VupeCatalogue>().CreateDecisionEvaluator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IEmployabilityRecord, FichaEmployabilityRecord>();
        // The application layer: one service per operation group, called by the API and the pages alike.
        services.AddScoped<PartyDirectory>();
        services.AddScoped<ContactVerification>();
        services.AddScoped<ReniecRegistration>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseFiles>();
        services.AddScoped<CaseSearch>();
        services.AddScoped<OfficeDashboard>();
        services.AddScoped<Figures.FiguresExport>();
        services.AddScoped<Inbox.TaskWork>();
        services.AddScoped<InboxService>();
        services.AddScoped<Inbox.SavedInboxFilters>();
        services.AddScoped<ProcedureCatalog>();
        services.AddScoped<OfficeDirectory>();
        services.AddScoped<CertificateRegister>();
        services.AddScoped<Deployments.DeploymentService>();
        services.AddScoped<MigrationService>();
        services.AddScoped<DesignerService>();
        services.AddScoped<VersionHistory>();
        services.AddScoped<Deployments.FormDesign>();
        services.AddScoped<UserAdministration>();
        services.AddScoped<OfficeAdministration>();
        services.AddScoped<CandidateGroupDirectory>();
        services.AddSingleton<TemporaryPasswords>();
        services.AddScoped<PeopleNames>();
        services.AddSingleton<CaseAnswers>();
        services.AddTransient<MigrationRunner>();
        services.AddScoped<DecisionTesting>();
        services.AddScoped<DecisionDesign>();
        services.AddScoped<Operations.OperationsConsole>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, CaseAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TaskAuthorizationHandler>();
        services.AddSingleton<CaseOpener>();
        services.AddSingleton<FormCatalog>();
        AddDocuments(builder, options);

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);

        AddAuth(services);
        services.AddVupePortal(builder.Configuration); // Portal/: citizens' accounts and their own cookie scheme, apart from the staff's
        builder.AddVupeSecurity(); // Hosting/SecurityHeaders.cs: proxies, session checks, production connectors
        // ProblemDetails speak Spanish too: the framework's default titles ("Not Found") are replaced by ours.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails.Status is { } status && ErrorTexts.IsDefaultTitle(c.ProblemDetails.Title, status)) c.ProblemDetails.Title = ErrorTexts.Title(status);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));

        // Start order matters: the database is migrated and seeded (DatabaseInitializer, registered first), then the engine starts, then the catalogue is deployed.
        services.AddVupeEngine((sp, engine) => database.UseEngineStore(engine, sp)
            .UseTimeProvider(sp.GetRequiredService<TimeProvider>())
            .AddVupeCatalogue(sp.GetRequiredService<IEmployabilityRecord>(), CulServicesFrom(sp), sp.GetRequiredService<VupeCatalogue>(), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IServiceDocumentIssuer>(), sp.GetRequiredService<IJobBankDesk>(), sp.GetRequiredService<Vupe.Workflows.Arco.IArcoHolds>())
            .UseDecisionEvaluator(sp.GetRequiredService<IDecisionEvaluator>())
            .AddCommandInterceptor(sp.GetRequiredService<EngineAudit>())
            // A keyed create of a case is marked done in the command that opens it (Idempotency/IdempotentWork).
            .AddCommandInterceptor(sp.GetRequiredService<Idempotency.IdempotencyMarker>())
            .UseJobScheduler(_ => new HangfireJobScheduler(sp.GetRequiredService<IBackgroundJobClient>()))
            .Configure(o => o.DefaultOfficeCode = "LIM"));
        services.AddHostedService<CatalogueDeployer>();
        services.AddHostedService<DemoDataSeeder>();
        services.AddJobBank();
        services.AddVupeNotifications(builder.Configuration, options);
        services.AddVupeIdempotency(builder.Configuration);
        services.AddVupeTrust(builder.Configuration, builder.Environment, options);
        services.AddVupeRetention(builder.Configuration);
        services.AddVupeAppointments(builder.Configuration); // Appointments/: calendars, bookings, reminders the day before
        services.AddSingleton<Vupe.Workflows.Arco.IArcoHolds, Arco.ServerArcoHolds>();
        services.AddScoped<Arco.ArcoRequests>();
        services.AddVupeAuditAnchor(builder.Configuration);

        services.AddTransient<EngineJobRunner>();
        services.AddHangfire(h => database.UseHangfireStorage(h
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()));
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = options.JobWorkers;
            o.ServerName = options.NodeName;
            // Timers and retries are Hangfire's delayed jobs: this is how late past its due time one may start.
            o.SchedulePollingInterval = options.JobPollInterval;
        });
        return builder;
    }

    /// <summary>
    /// Documents, certificates and the CUL's back offices. Blobs and the development signing CA live in the data
    /// directory unless configured elsewhere; the development CA is allowed only where the configuration says so
    /// (appsettings.Development.json), so a production host without a real certificate refuses to sign.
    /// </summary>
    private static void AddDocuments(WebApplicationBuilder builder, ServerOptions options)
    {
        var services = builder.Services;
        var documents = builder.Configuration.GetSection(VupeDocumentsConfiguration.SectionName);
        services.AddVupeDocuments(builder.Configuration);
        if (documents.GetSection(VupeDocumentsConfiguration.Storage)[nameof(FileSystemBlobStoreOptions.RootDirectory)] is null)
            services.PostConfigure<FileSystemBlobStoreOptions>(o => o.RootDirectory = Path.Combine(options.DataDirectory, "blobs"));
        // The verification link on certificates: Vupe:PublicBaseUrl, else the issuing request's address, else the
        // server's own (a job issuing a waiting CUL). A template configured in Vupe:Documents:Rendering wins.
        if (documents.GetSection(VupeDocumentsConfiguration.Rendering)[nameof(PdfRenderingOptions.VerificationUrlTemplate)] is null)
            services.AddOptions<PdfRenderingOptions>().PostConfigure<IHttpContextAccessor, IServiceProvider>((o, http, sp) =>
            {
                o.VerificationUrlTemplate = "{base}/verificar/{code}";
                o.PublicBaseUrl = () => PublicBaseUrl(options, http, sp);
            });
        var signing = documents.GetSection(VupeDocumentsConfiguration.Signing);
        services.PostConfigure<SigningCertificateOptions>(o =>
        {
            if (signing[nameof(SigningCertificateOptions.DevelopmentCertificateDirectory)] is null)
                o.DevelopmentCertificateDirectory = Path.Combine(options.DataDirectory, "dev-signing");
            if (signing[nameof(SigningCertificateOptions.AllowDevelopmentCertificate)] is null) o.AllowDevelopmentCertificate = false;
        });
        services.AddVupeConnectors(builder.Configuration.GetSection(VupeConnectorsOptions.SectionName));
        services.AddSingleton<DocumentLibrary>();
        services.AddSingleton<TaskDocumentRequirements>();
        services.AddSingleton<ICulArchive, ServerCulArchive>();
        services.AddSingleton<ICulPdfIssuer, DocumentsCulPdfIssuer>();
        services.AddSingleton<IServiceDocumentIssuer, ServerServiceDocumentIssuer>();
        services.AddSingleton<CertificateVerifier>();
        services.AddScoped<CaseExport>(); // reads people's names through the request's DbContext
        services.AddMemoryCache();
        services.AddScoped<CitizenCulChannel>();
        services.AddRazorPages();
        // Pages are Spanish: write á, ñ, ¿ as themselves; <, >, &, quotes are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            // Only lookups count: a page view (GET without a code, or any GET of the request form) is never refused.
            limiter.AddPolicy(PublicVerificationEndpoints.RateLimitPolicy, http => IsPageView(http, "codigo") ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("vista") : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PublicVerificationPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            limiter.AddPolicy(PublicVerificationEndpoints.CitizenRequestPolicy, http => IsPageView(http, null) ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("vista") : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.CitizenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
        });
    }

    /// <summary>A GET of a page that looks nothing up (no <paramref name="lookupValue"/> in its route or query).</summary>
    private static bool IsPageView(HttpContext http, string? lookupValue) =>
        HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/api")
        && (lookupValue is null || (http.Request.RouteValues[lookupValue] is null && !http.Request.Query.ContainsKey(lookupValue)
            && http.Request.Path.Value?.TrimEnd('/').Equals("/verificar", StringComparison.OrdinalIgnoreCase) == true));

    /// <summary>Each role's start page: administrators run the system (and read no cases), everyone else works from the inbox.</summary>
    public static string HomeFor(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Consultant) && !user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Auditor)
            ? "/administracion"
            : "/bandeja";

    private static string PublicBaseUrl(ServerOptions options, IHttpContextAccessor http, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)) return options.PublicBaseUrl.TrimEnd('/');
        if (http.HttpContext?.Request is { Host.HasValue: true } request) return $"{request.Scheme}://{request.Host}{request.PathBase}";
        var addresses = services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses;
        return addresses?.FirstOrDefault()?.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal)
            ?? "http://localhost";
    }

    private static CulServices CulServicesFrom(IServiceProvider sp) => new(
        sp.GetRequiredService<IIdentityRegistry>(), sp.GetRequiredService<IPoliceRecords>(), sp.GetRequiredService<IJudicialRecords>(),
        sp.GetRequiredService<IPenalRecords>(), sp.GetRequiredService<IEducationRecords>(), sp.GetRequiredService<IFormalEmploymentHistory>(),
        sp.GetRequiredService<ICulArchive>(), sp.GetRequiredService<ICulPdfIssuer>());

    private static void AddAuth(IServiceCollection services)
    {
        services.AddIdentityCore<VupeUser>(o =>
            {
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<VupeDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<VupeClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<SpanishIdentityErrors>();
        services.AddScoped<VupeDbContext>(sp => sp.GetRequiredService<IDbContextFactory<VupeDbContext>>().CreateDbContext());

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SmartScheme;
                o.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = "vupe.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/ingresar";
                o.AccessDeniedPath = "/sin-permiso";
                // The API answers with status codes; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = c => ApiAwareRedirect(c, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = c => ApiAwareRedirect(c, StatusCodes.Status403Forbidden);
            })
            .AddCookie(IdentityConstants.ExternalScheme)
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme);
        CachedBearerTickets.AddTo(services);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.WorkCases, p => p.RequireRole(Roles.Consultant, Roles.Supervisor))
            .AddPolicy(Policies.ReadCases, p => p.RequireRole(Roles.Consultant, Roles.Supervisor, Roles.Auditor))
            .AddPolicy(Policies.Supervise, p => p.RequireRole(Roles.Supervisor))
            .AddPolicy(Policies.Figures, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Audit, p => p.RequireRole(Roles.Auditor, Roles.Supervisor))
            .AddPolicy(Policies.TestDecisions, p => p.RequireRole(Roles.Supervisor, Roles.Auditor))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Design, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Operate, p => p.RequireRole(Roles.Supervisor, Roles.Admin))
            .AddPolicy(Policies.Holds, p => p.RequireRole(Roles.Supervisor, Roles.Auditor));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryForCookieWrites.HeaderName;
            o.Cookie.Name = "vupe.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
    }

    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseVupeServer(this WebApplication app)
    {
        app.UseVupeSecurityHeaders(); // first: forwarded headers, then CSP, HSTS and the rest on every answer
        app.UseExceptionHandler();
        // Bodiless errors: ProblemDetails for the API, a Spanish page for everything else (a 429 included).
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseMiddleware<RequestSizeLimit>();
        app.UseStaticFiles();
        // Routing after the status code pages, so that re-executing "/error/{code}" finds the error page's endpoint.
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseVupeSessionCheck();
        // Every engine command of the request acts for its user: EngineAudit writes who did it in the command's transaction.
        app.Use(async (context, next) =>
        {
            using (ProcessEngine.ActAs(AuditActor.From(context))) await next(context);
        });
        app.UseAuthorization();
        app.UseMiddleware<AntiforgeryForCookieWrites>();
        app.UseMiddleware<Idempotency.IdempotentRequests>();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminOnlyDashboard()], AppPath = "/" });
        HangfireJobScheduler.AddDueJobsSweep(app.Services.GetRequiredService<IRecurringJobManager>());

        var api = app.MapGroup("/api");
        api.MapAuthEndpoints();
        api.MapOfficeEndpoints();
        api.MapPartyEndpoints();
        api.MapJobBankEndpoints();
        api.MapProcedureEndpoints();
        api.MapCaseEndpoints();
        api.MapFiguresEndpoints();
        api.MapTaskEndpoints();
        api.MapDecisionEndpoints();
        api.MapDecisionDesignEndpoints();
        api.MapUserAdminEndpoints();
        api.MapDocumentEndpoints();
        api.MapHoldEndpoints();
        api.MapCertificateEndpoints();
        api.MapPublicVerificationEndpoints();
        api.MapCitizenCulEndpoints();
        api.MapDeploymentEndpoints();
        api.MapFormEndpoints();
        api.MapOperationsEndpoints();
        app.MapPortalIdentityProvider();
        app.MapRazorPages();
        app.MapGet("/", (HttpContext http) => Results.Redirect(HomeFor(http.User))).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}

public static class Policies
{
    public const string WorkCases = "work-cases";
    public const string ReadCases = "read-cases";
    public const string Supervise = "supervise";
    /// <summary>The ministry's figures (dashboard and exports): supervisors and admins; no personal data in them.</summary>
    public const string Figures = "figures";
    public const string Audit = "audit";
    public const string TestDecisions = "test-decisions";
    public const string Admin = "admin";
    /// <summary>Procedures: deployments, definitions, the designer (supervisors and admins; deploying itself is for national ones).</summary>
    public const string Design = "design";
    /// <summary>The operations console (running instances, incidents, the job queue): supervisors in their office, administrators nationally.</summary>
    public const string Operate = "operate";
    /// <summary>Legal and ARCO holds on cases and fichas: supervisors (their office's cases) and auditors.</summary>
    public const string Holds = "holds";
}
