using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Vupe.Server.Auth;
using Vupe.Server.Hosting;

namespace Vupe.Server.Tests;

/// <summary>The node's memory of users' session states: kept for the recheck interval, forgotten on a change, never refilled from a read older than the change.</summary>
public sealed class SessionStatesTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private static readonly SessionState Old = new("viejo", false, null), New = new("nuevo", false, null);

    private SessionStates States(TimeSpan interval) => new(_clock, Options.Create(new SecurityOptions { SessionRecheckInterval = interval }));

    [Test]
    public void A_state_is_kept_for_the_interval_and_read_again_after_it()
    {
        var states = States(TimeSpan.FromSeconds(5));
        states.Remember("u1", Old, states.Generation);
        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.That(states.TryGet("u1", out var kept) ? kept : null, Is.EqualTo(Old));
        Assert.That(states.TryGet("u2", out _), Is.False, "another user");
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.That(states.TryGet("u1", out _), Is.False);
    }

    [Test]
    public void A_change_forgets_the_user_at_once_and_a_read_from_before_it_is_not_kept()
    {
        var states = States(TimeSpan.FromSeconds(5));
        states.Remember("u1", Old, states.Generation);
        var readBeforeTheChange = states.Generation;
        states.Forget(["u1"]);
        Assert.That(states.TryGet("u1", out _), Is.False, "forgotten");

        states.Remember("u1", Old, readBeforeTheChange);
        Assert.That(states.TryGet("u1", out _), Is.False, "a read that began before the change may hold the old stamp");
        states.Remember("u1", New, states.Generation);
        Assert.That(states.TryGet("u1", out var now) ? now : null, Is.EqualTo(New));
    }

    [Test]
    public void A_zero_interval_keeps_nothing()
    {
        var states = States(TimeSpan.Zero);
        states.Remember("u1", Old, states.Generation);
        Assert.That(states.TryGet("u1", out _), Is.False);
    }
}
