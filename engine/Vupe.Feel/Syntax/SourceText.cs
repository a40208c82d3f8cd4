namespace Vupe.Feel;

/// <summary>The expression text plus the line starts needed to turn offsets into 1-based line/column.</summary>
internal sealed class SourceText
{
    public static readonly SourceText None = new(string.Empty);

    private int[]? lineStarts;

    public SourceText(string text) => Text = text;

    public string Text { get; }

    public (int Line, int Column) GetLineColumn(int position)
    {
        lineStarts ??= ComputeLineStarts(Text);
        var index = Array.BinarySearch(lineStarts, position);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, position - lineStarts[index] + 1);
    }

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
