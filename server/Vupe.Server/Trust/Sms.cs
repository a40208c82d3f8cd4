using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Vupe.Server.Trust;

/// <summary>One text message to one mobile phone (Spanish, short).</summary>
public sealed record OutgoingSms(string ToPhone, string Text);

/// <summary>Sends text messages. The simulator (development, tests) writes them to a folder; an SMS gateway over HTTP in production.</summary>
public interface ISmsSender
{
    /// <summary>Hands the message to the gateway; throws when it could not.</summary>
    Task SendAsync(OutgoingSms sms, CancellationToken ct);
}

public enum SmsMode { Simulator, Http }

/// <summary>
/// Text messages (section "Vupe:Sms"). <see cref="SmsMode.Simulator"/> (the default) writes each message as a .txt
/// file to <see cref="OutboxDirectory"/> ({DataDirectory}/sms); <see cref="SmsMode.Http"/> posts
/// <c>{"to": "+51…", "text": "…", "from": "…"}</c> to <see cref="BaseUrl"/> with <see cref="ApiKey"/> as a bearer token.
/// Production refuses the simulator, as it does the back offices' simulators.
/// </summary>
public sealed class SmsOptions
{
    public const string Section = "Vupe:Sms";

    public SmsMode Mode { get; set; } = SmsMode.Simulator;
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>The sender name or number the gateway shows.</summary>
    public string From { get; set; } = "VUPE";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    public string? OutboxDirectory { get; set; }
}

/// <summary>
/// Development and tests: each message becomes a file (written to a temp name and renamed, so a reader never sees half
/// of it) whose first line is the phone and the rest the text — what a phone would have received.
/// </summary>
internal sealed class SimulatedSmsSender(IOptions<SmsOptions> options, TimeProvider time, ILogger<SimulatedSmsSender> logger) : ISmsSender
{
    public async Task SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        var folder = options.Value.OutboxDirectory ?? throw new InvalidOperationException("Vupe:Sms:OutboxDirectory is not set.");
        Directory.CreateDirectory(folder);
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{Guid.NewGuid():N}.txt");
        var temp = Path.Combine(folder, name + ".tmp");
        await File.WriteAllTextAsync(temp, $"{sms.ToPhone}\n{sms.Text}\n", ct);
        File.Move(temp, Path.Combine(folder, name));
        logger.LogInformation("SMS to {Phone} written to {File} (SMS simulator)", sms.ToPhone, Path.Combine(folder, name));
    }
}

/// <summary>An SMS gateway reached over HTTPS: one JSON POST per message; any non-success answer is a failure to send.</summary>
internal sealed class HttpSmsSender(HttpClient http, IOptions<SmsOptions> options) : ISmsSender
{
    public async Task SendAsync(OutgoingSms sms, CancellationToken ct)
    {
        var o = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, o.BaseUrl) { Content = JsonContent.Create(new { to = sms.ToPhone, text = sms.Text, from = o.From }) };
        if (!string.IsNullOrEmpty(o.ApiKey)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>A production server never "sends" codes into a folder nobody reads: the host refuses to start on the simulator.</summary>
internal sealed class ProductionSmsCheck(IHostEnvironment environment) : IValidateOptions<SmsOptions>
{
    public ValidateOptionsResult Validate(string? name, SmsOptions options)
    {
        if (options.Mode == SmsMode.Http && !Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out _))
            return ValidateOptionsResult.Fail($"{SmsOptions.Section}:BaseUrl debe ser una dirección absoluta con Mode=Http. / BaseUrl is required with Mode=Http.");
        if (environment.IsProduction() && options.Mode == SmsMode.Simulator)
            return ValidateOptionsResult.Fail($"En producción los SMS no pueden usar el simulador; configure {SmsOptions.Section}:Mode=Http con su BaseUrl "
                + "(docs/deployment.md). / In Production SMS must not run on the simulator.");
        return ValidateOptionsResult.Success;
    }
}
