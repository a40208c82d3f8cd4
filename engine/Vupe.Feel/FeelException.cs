namespace Vupe.Feel;

public class FeelException : Exception
{
    public FeelException()
    {
    }

    public FeelException(string message)
        : base(message)
    {
    }

    public FeelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
