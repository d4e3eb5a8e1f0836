package org.aerolux.segmentation;

import java.util.OptionalDouble;
import org.aerolux.core.UsageException;
import org.aerolux.core.model.ModelCard;

/**
 * The softmax temperature T of {@code --temperature T|auto}: probabilities are softmax(z / T) of the model's
 * logits z. {@code auto} takes the value the model card stores ({@code aerolux.temperature}, fitted by the model's
 * author on held-out data; 1 when the card has none), which is the default: the card's value is the model's
 * calibration, and a user who wants the raw network passes {@code --temperature 1}.
 *
 * @param value the explicit temperature, or empty for {@code auto}
 */
public record Temperature(OptionalDouble value) {
    /** The card's temperature. */
    public static final Temperature AUTO = new Temperature(OptionalDouble.empty());

    public Temperature {
        if (value.isPresent() && !(value.getAsDouble() > 0 && Double.isFinite(value.getAsDouble())))
            throw new UsageException(null, "--temperature must be a positive number or auto, got " + value.getAsDouble());
    }

    /** An explicit temperature. */
    public static Temperature of(double t) { return new Temperature(OptionalDouble.of(t)); }

    /** Parses {@code auto} or a positive number. */
    public static Temperature parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) return AUTO;
        try {
            return of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new UsageException(null, "--temperature must be a positive number or auto, got '" + text + "'");
        }
    }

    /** True for {@code auto}. */
    public boolean isAuto() { return value.isEmpty(); }

    /** The temperature to use with this card. */
    public double resolve(ModelCard card) {
        if (value.isPresent()) return value.getAsDouble();
        double t = card.temperature();
        return t > 0 && Double.isFinite(t) ? t : 1.0;
    }

    @Override
    public String toString() { return value.isPresent() ? Double.toString(value.getAsDouble()) : "auto"; }
}
