using System.Diagnostics;
using Hub.Inference.Models;
using Hub.Inference.Text;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Bench.Inference;

/// <summary>
/// The limit: MiniLM in this process on plain ONNX Runtime, fed the same sentences already tokenized, with mean
/// pooling, as a minimal in-process server would run it. Its threads do not spin between runs, like the hub's: the two
/// share this process, and spinning threads of one would take the cores the other is being measured on.
/// </summary>
internal sealed class RawOnnx : IDisposable
{
    private readonly InferenceSession session;
    private readonly long[][] encoded;

    public RawOnnx(byte[] model, byte[] vocab, string[] sentences, bool cuda)
    {
        var folder = Directory.CreateTempSubdirectory("hub-bench-tok").FullName;
        File.WriteAllBytes(Path.Combine(folder, "vocab.txt"), vocab);
        using (var tokenizer = TokenizerLoader.TryLoad(ModelFiles.From(folder))!)
            encoded = [.. sentences.Select(s => tokenizer.Encode(s, 512).Ids)];
        Directory.Delete(folder, recursive: true);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        if (cuda) options.AppendExecutionProvider_CUDA(0);
        session = new InferenceSession(model, options);
        Run(encoded[..Math.Min(8, encoded.Length)]);
    }

    /// <summary>Milliseconds of one batch-1 run of sentence <paramref name="index"/>.</summary>
    public double Single(int index)
    {
        var started = Stopwatch.GetTimestamp();
        Run([encoded[index % encoded.Length]]);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// Sentences per second (and CPU per sentence) over all sentences in batches of <paramref name="batch"/>: in their
    /// order (the baseline), or <paramref name="byLength"/>, sorted by length first so that batches hold little padding.
    /// </summary>
    public CpuMeter Throughput(int batch, bool byLength = false)
    {
        var rows = byLength ? [.. encoded.OrderBy(e => e.Length)] : encoded;
        return CpuMeter.Measure(rows.Length, () =>
        {
            for (var i = 0; i < rows.Length; i += batch) Run(rows[i..Math.Min(rows.Length, i + batch)]);
        });
    }

    /// <summary>Sentence <paramref name="index"/>'s vector, run alone and L2-normalised (what the hub answers).</summary>
    public float[] Embed(int index)
    {
        var v = Run([encoded[index % encoded.Length]])[0];
        var norm = (float)Math.Sqrt(v.Sum(x => (double)x * x));
        return [.. v.Select(x => x / norm)];
    }

    public void Dispose() => session.Dispose();

    private float[][] Run(long[][] rows)
    {
        var width = rows.Max(r => r.Length);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r].CopyTo(ids, r * width);
            Array.Fill(mask, 1L, r * width, rows[r].Length);
        }
        long[] shape = [rows.Length, width];
        using var a = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var m = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var t = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new Dictionary<string, OrtValue> { ["input_ids"] = a, ["attention_mask"] = m, ["token_type_ids"] = t }, ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var result = new float[rows.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            var v = result[r] = new float[384];
            for (var k = 0; k < rows[r].Length; k++)
                for (var j = 0; j < 384; j++) v[j] += hidden[(r * width + k) * 384 + j] / rows[r].Length;
        }
        return result;
    }
}
