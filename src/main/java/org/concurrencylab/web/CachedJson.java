package org.concurrencylab.web;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.concurrencylab.measure.ExperimentResult;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes what reads send again and again from JSON kept ready, instead of serializing it anew:
 * writing the response was the largest part of a read's cost once the rest was cached (a finished
 * experiment's result holds every run; a list page, twenty items). Two kinds of value, each held
 * in a small LRU map:
 * <ul>
 *   <li>an {@link ExperimentResult} the same object as before: a finished experiment's result is
 *       parsed once and the same object handed out on every read (experiment.FinishedDocuments);
 *       kept by identity, from its second write on, so results written once are not kept;</li>
 *   <li>a list item equal to one written before (a record: same fields, same JSON).</li>
 * </ul>
 * The JSON kept is the one this application's mapper writes for the value, taken through a token
 * buffer, so a response reads exactly as it would without this.
 */
@Component
class CachedJson extends SimpleModule {

    private static final int CAPACITY = 512;
    private static final JsonFactory TEXT = new JsonFactory();

    CachedJson() {
        super("lab-cached-json");
        setSerializerModifier(new ValueSerializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public ValueSerializer<?> modifySerializer(SerializationConfig config, BeanDescription.Supplier description,
                    ValueSerializer<?> serializer) {
                Class<?> type = description.getBeanClass();
                if (type == ExperimentResult.class) {
                    return new Cached((ValueSerializer<Object>) serializer, new Lru<>(), true);
                }
                if (type == ExperimentListResponse.Item.class) {
                    return new Cached((ValueSerializer<Object>) serializer, new Lru<>(), false);
                }
                return serializer;
            }
        });
    }

    /** A bounded map, least recently used first out; synchronized, since requests share it. */
    private static final class Lru<K> extends LinkedHashMap<K, SerializedString> {

        Lru() {
            super(64, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, SerializedString> eldest) {
            return size() > CAPACITY;
        }
    }

    /** The key of a value kept by identity: equal only to itself. */
    private record Same(Object value) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Same same && same.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /** Marks a value seen once by identity: its JSON is kept the second time it is written. */
    private static final SerializedString SEEN = new SerializedString("");

    private static final class Cached extends ValueSerializer<Object> {

        private final ValueSerializer<Object> delegate;
        private final Lru<Object> kept;
        private final boolean byIdentity;

        Cached(ValueSerializer<Object> delegate, Lru<Object> kept, boolean byIdentity) {
            this.delegate = delegate;
            this.kept = kept;
            this.byIdentity = byIdentity;
        }

        @Override
        public void resolve(SerializationContext context) {
            delegate.resolve(context);
        }

        @Override
        @SuppressWarnings("unchecked")
        public ValueSerializer<?> createContextual(SerializationContext context, BeanProperty property) {
            ValueSerializer<?> contextual = delegate.createContextual(context, property);
            return contextual == delegate ? this : new Cached((ValueSerializer<Object>) contextual, kept, byIdentity);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
            Object key = byIdentity ? new Same(value) : value;
            SerializedString json;
            synchronized (kept) {
                json = kept.get(key);
                if (json == null && byIdentity) {
                    kept.put(key, SEEN);
                }
            }
            if (json == null && byIdentity) {
                delegate.serialize(value, generator, context);
                return;
            }
            if (json == null || json == SEEN) {
                json = written(value, context);
                synchronized (kept) {
                    kept.put(key, json);
                }
            }
            generator.writeRawValue(json);
        }

        /** The value as this mapper writes it: into a token buffer, then as text. */
        private SerializedString written(Object value, SerializationContext context) {
            TokenBuffer tokens = context.bufferForValueConversion();
            delegate.serialize(value, tokens, context);
            StringWriter text = new StringWriter();
            try (JsonGenerator writer = TEXT.createGenerator(ObjectWriteContext.empty(), text)) {
                tokens.serialize(writer);
            }
            return new SerializedString(text.toString());
        }
    }
}
