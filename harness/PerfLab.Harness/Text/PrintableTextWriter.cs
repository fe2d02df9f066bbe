using System.Text;

namespace PerfLab.Harness.Text;

/// <summary>A writer that passes everything through <see cref="PrintableText.Escape"/> on its way to another writer: text written
/// with <c>Write</c> or <c>WriteLine(text)</c> cannot break, repaint or start a line of its own; only <c>WriteLine</c>'s own
/// line end is written as a line end.</summary>
/// <remarks>For printers that format rows of stored strings onto a console or CI log (the gate's text table).</remarks>
public sealed class PrintableTextWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => inner.Write(PrintableText.Escape(value.ToString()));

    public override void Write(string? value) => inner.Write(PrintableText.Escape(value));

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(PrintableText.Escape(value));

    public override void Flush() => inner.Flush();
}
