using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Api.Http;

/// <summary>
/// Refuses <c>null</c> inside a JSON list of objects or strings (<c>"files": [null]</c>) while reading a request body:
/// no client sends one, and every endpoint reads list items as present. A missing or <c>null</c> list stays allowed.
/// </summary>
internal sealed class NoNullItemsConverterFactory : JsonConverterFactory
{
    private static readonly Type[] ListShapes =
        [typeof(IReadOnlyList<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>), typeof(IList<>), typeof(ICollection<>), typeof(List<>)];

    public override bool CanConvert(Type typeToConvert) =>
        ItemType(typeToConvert) is { IsValueType: false };

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options)
    {
        var item = ItemType(typeToConvert)!;
        var converter = typeof(NoNullItemsConverter<,>).MakeGenericType(typeToConvert, item);
        return (JsonConverter?)Activator.CreateInstance(converter);
    }

    private static Type? ItemType(Type type)
    {
        if (type.IsArray) return type.GetArrayRank() == 1 ? type.GetElementType() : null;
        return type.IsGenericType && ListShapes.Contains(type.GetGenericTypeDefinition()) ? type.GetGenericArguments()[0] : null;
    }

    private sealed class NoNullItemsConverter<TList, TItem> : JsonConverter<TList>
        where TItem : class
    {
        public override bool HandleNull => false;

        public override TList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException();
            var items = new List<TItem>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null) throw new JsonException($"A list item is null at index {items.Count}.");
                items.Add(JsonSerializer.Deserialize<TItem>(ref reader, options)!);
            }
            return (TList)(object)(typeof(TList).IsArray ? items.ToArray() : items);
        }

        public override void Write(Utf8JsonWriter writer, TList value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in (IEnumerable<TItem>)value!) JsonSerializer.Serialize(writer, item, options);
            writer.WriteEndArray();
        }
    }
}
