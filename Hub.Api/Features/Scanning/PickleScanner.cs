using System.Text;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Walks a pickle opcode by opcode — never unpickling — and lists every import it would perform (<c>GLOBAL</c>,
/// <c>INST</c>, <c>STACK_GLOBAL</c>), whatever calls them (<c>REDUCE</c>, <c>OBJ</c>, <c>NEWOBJ</c>, <c>BUILD</c>).
/// A small model of the stack and the memo follows strings, so <c>STACK_GLOBAL</c> names built from memoised strings
/// are resolved too. Consecutive pickles (the legacy <c>torch.save</c> layout) are walked one after another.
/// </summary>
public static class PickleScanner
{
    private const int MaxLine = 64 * 1024;
    private const int MaxStringKept = 4096;
    private const int MaxStack = 1_000_000;
    private const int MaxPickles = 16;

    private static readonly object Mark = new();
    private static readonly object Value = new();

    /// <summary>Scans until the data ends, a non-pickle follows a pickle, or the budget is spent.</summary>
    /// <returns>The imports in order of appearance and, when the walk stopped early, why.</returns>
    public static (IReadOnlyList<PickleImport> Imports, string? Error) Scan(ScanInput input)
    {
        var imports = new List<PickleImport>();
        for (var pickle = 0; pickle < MaxPickles; pickle++)
        {
            if (pickle > 0 && input.Peek() != 0x80) break; // what follows the last pickle (tensor bytes) is data
            var before = imports.Count;
            try
            {
                WalkOne(input, imports);
            }
            catch (ScanLimitException e)
            {
                return (imports, e.Message);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or OverflowException)
            {
                // After a complete pickle, undecodable data without imports is raw storage, not an attack.
                if (pickle > 0 && imports.Count == before) break;
                return (imports, $"not a valid pickle at byte {input.Position}: {e.Message}");
            }
            if (input.AtEnd) break;
        }
        return (imports, null);
    }

    private static void WalkOne(ScanInput input, List<PickleImport> imports)
    {
        var stack = new List<object?>();
        var memo = new Dictionary<ulong, object?>();
        while (true)
        {
            var op = input.ReadByte();
            switch (op)
            {
                case (byte)'.': // STOP
                    return;
                case (byte)'(': Push(stack, Mark); break; // MARK
                case (byte)'0': Pop(stack); break; // POP
                case (byte)'1': PopMark(stack); break; // POP_MARK
                case (byte)'2': Push(stack, Top(stack)); break; // DUP
                case (byte)'F' or (byte)'I' or (byte)'L': input.ReadLine(MaxLine); Push(stack, Value); break; // FLOAT INT LONG
                case (byte)'J': input.Skip(4); Push(stack, Value); break; // BININT
                case (byte)'K': input.Skip(1); Push(stack, Value); break; // BININT1
                case (byte)'M': input.Skip(2); Push(stack, Value); break; // BININT2
                case (byte)'G': input.Skip(8); Push(stack, Value); break; // BINFLOAT
                case (byte)'N' or 0x88 or 0x89: Push(stack, Value); break; // NONE NEWTRUE NEWFALSE
                case (byte)'P': input.ReadLine(MaxLine); Push(stack, Value); break; // PERSID
                case (byte)'Q': Pop(stack); Push(stack, Value); break; // BINPERSID
                case (byte)'R': Pop(stack); Pop(stack); Push(stack, Value); break; // REDUCE
                case (byte)'S': Push(stack, Unquote(input.ReadLine(MaxLine))); break; // STRING
                case (byte)'V': Push(stack, Encoding.UTF8.GetString(input.ReadLine(MaxLine))); break; // UNICODE (raw-unicode-escape)
                case (byte)'T': Push(stack, ReadString(input, input.ReadUInt(4), Encoding.Latin1)); break; // BINSTRING
                case (byte)'U': Push(stack, ReadString(input, input.ReadUInt(1), Encoding.Latin1)); break; // SHORT_BINSTRING
                case (byte)'X': Push(stack, ReadString(input, input.ReadUInt(4), Encoding.UTF8)); break; // BINUNICODE
                case 0x8c: Push(stack, ReadString(input, input.ReadUInt(1), Encoding.UTF8)); break; // SHORT_BINUNICODE
                case 0x8d: Push(stack, ReadString(input, input.ReadUInt(8), Encoding.UTF8)); break; // BINUNICODE8
                case (byte)'B': SkipValue(input, input.ReadUInt(4), stack); break; // BINBYTES
                case (byte)'C': SkipValue(input, input.ReadUInt(1), stack); break; // SHORT_BINBYTES
                case 0x8e or 0x96: SkipValue(input, input.ReadUInt(8), stack); break; // BINBYTES8 BYTEARRAY8
                case 0x8a: SkipValue(input, input.ReadUInt(1), stack); break; // LONG1
                case 0x8b: SkipValue(input, input.ReadUInt(4), stack); break; // LONG4
                case (byte)'a': Pop(stack); break; // APPEND
                case (byte)'b': Pop(stack); break; // BUILD
                case (byte)'s': Pop(stack); Pop(stack); break; // SETITEM
                case (byte)'e' or (byte)'u' or 0x90: PopMark(stack); break; // APPENDS SETITEMS ADDITEMS
                case (byte)'d' or (byte)'l' or (byte)'t' or 0x91: PopMark(stack); Push(stack, Value); break; // DICT LIST TUPLE FROZENSET
                case (byte)'}' or (byte)']' or (byte)')' or 0x8f: Push(stack, Value); break; // EMPTY_DICT EMPTY_LIST EMPTY_TUPLE EMPTY_SET
                case (byte)'o': PopMark(stack); Push(stack, Value); break; // OBJ
                case 0x85: Pop(stack); Push(stack, Value); break; // TUPLE1
                case 0x86: Pop(stack); Pop(stack); Push(stack, Value); break; // TUPLE2
                case 0x87: Pop(stack); Pop(stack); Pop(stack); Push(stack, Value); break; // TUPLE3
                case 0x81: Pop(stack); Pop(stack); Push(stack, Value); break; // NEWOBJ
                case 0x92: Pop(stack); Pop(stack); Pop(stack); Push(stack, Value); break; // NEWOBJ_EX
                case (byte)'c': // GLOBAL
                    imports.Add(Import(Line(input), Line(input), "GLOBAL"));
                    Push(stack, Value);
                    break;
                case (byte)'i': // INST
                    imports.Add(Import(Line(input), Line(input), "INST"));
                    PopMark(stack);
                    Push(stack, Value);
                    break;
                case 0x93: // STACK_GLOBAL
                {
                    var name = Pop(stack) as string;
                    var module = Pop(stack) as string;
                    imports.Add(module is null || name is null
                        ? new PickleImport("?", "?", "STACK_GLOBAL")
                        : Import(module, name, "STACK_GLOBAL"));
                    Push(stack, Value);
                    break;
                }
                case 0x82: input.Skip(1); imports.Add(new PickleImport("copyreg", "extension", "EXT1")); Push(stack, Value); break;
                case 0x83: input.Skip(2); imports.Add(new PickleImport("copyreg", "extension", "EXT2")); Push(stack, Value); break;
                case 0x84: input.Skip(4); imports.Add(new PickleImport("copyreg", "extension", "EXT4")); Push(stack, Value); break;
                case (byte)'g': Push(stack, memo.GetValueOrDefault(ParseIndex(input.ReadLine(MaxLine)), Value)); break; // GET
                case (byte)'h': Push(stack, memo.GetValueOrDefault(input.ReadUInt(1), Value)); break; // BINGET
                case (byte)'j': Push(stack, memo.GetValueOrDefault(input.ReadUInt(4), Value)); break; // LONG_BINGET
                case (byte)'p': Remember(memo, ParseIndex(input.ReadLine(MaxLine)), Top(stack)); break; // PUT
                case (byte)'q': Remember(memo, input.ReadUInt(1), Top(stack)); break; // BINPUT
                case (byte)'r': Remember(memo, input.ReadUInt(4), Top(stack)); break; // LONG_BINPUT
                case 0x94: Remember(memo, (ulong)memo.Count, Top(stack)); break; // MEMOIZE
                case 0x80: input.Skip(1); break; // PROTO
                case 0x95: input.Skip(8); break; // FRAME
                case 0x97: Push(stack, Value); break; // NEXT_BUFFER
                case 0x98: break; // READONLY_BUFFER
                default:
                    throw new InvalidDataException($"unknown opcode 0x{op:x2}");
            }
        }
    }

    private static PickleImport Import(string module, string name, string opcode)
    {
        if (!IsDottedName(module) || !IsDottedName(name))
            throw new InvalidDataException($"{opcode} names '{Printable(module)}' '{Printable(name)}' are not Python names");
        return new PickleImport(module, name, opcode);
    }

    private static bool IsDottedName(string value) =>
        value.Length is > 0 and <= 256 && value.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_')
                                                                    && part.All(c => char.IsLetterOrDigit(c) || c == '_'));

    private static string Printable(string value) => new([.. value.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);

    private static string Line(ScanInput input) => Encoding.UTF8.GetString(input.ReadLine(MaxLine)).TrimEnd('\r');

    private static object ReadString(ScanInput input, ulong length, Encoding encoding)
    {
        if (length > MaxStringKept)
        {
            input.Skip(checked((long)length));
            return Value;
        }
        return encoding.GetString(input.ReadBytes((int)length));
    }

    private static void SkipValue(ScanInput input, ulong length, List<object?> stack)
    {
        input.Skip(checked((long)length));
        Push(stack, Value);
    }

    private static string Unquote(byte[] line)
    {
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r');
        return text.Length >= 2 && text[0] == text[^1] && text[0] is '\'' or '"' ? text[1..^1] : text;
    }

    private static ulong ParseIndex(byte[] line) =>
        ulong.TryParse(Encoding.ASCII.GetString(line).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new InvalidDataException("a memo index is not a number");

    private static void Remember(Dictionary<ulong, object?> memo, ulong index, object? value)
    {
        if (memo.Count >= MaxStack && !memo.ContainsKey(index)) throw new InvalidDataException("the memo is too large");
        memo[index] = value;
    }

    private static void Push(List<object?> stack, object? value)
    {
        if (stack.Count >= MaxStack) throw new InvalidDataException("the stack is too deep");
        stack.Add(value);
    }

    private static object? Top(List<object?> stack) =>
        stack.Count > 0 ? stack[^1] : throw new InvalidDataException("stack underflow");

    private static object? Pop(List<object?> stack)
    {
        if (stack.Count == 0) throw new InvalidDataException("stack underflow");
        var value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private static void PopMark(List<object?> stack)
    {
        var mark = stack.LastIndexOf(Mark);
        if (mark < 0) throw new InvalidDataException("no MARK on the stack");
        stack.RemoveRange(mark, stack.Count - mark);
    }
}
