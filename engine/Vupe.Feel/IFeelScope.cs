namespace Vupe.Feel;

/// <summary>Where an expression reads its variables.</summary>
public interface IFeelScope
{
    bool TryGetVariable(string name, out FeelValue value);
}

/// <summary>Implemented by scopes that supply the clock for now() and today(); others use <see cref="TimeProvider.System"/>.</summary>
public interface IFeelClockSource
{
    TimeProvider TimeProvider { get; }
}
