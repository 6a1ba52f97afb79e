package io.trace2train.backends.jlama;

import com.github.tjake.jlama.model.AbstractModel;
import java.lang.reflect.Method;

/** Whether the model's prompts start with a beginning-of-sequence token, as Jlama itself decides it. */
final class BosToken {

    private BosToken() {
    }

    /** Jlama keeps this decision in a protected method of the model; reading it keeps our prompts identical. */
    static boolean added(AbstractModel model) {
        try {
            Method method = AbstractModel.class.getDeclaredMethod("addBosToken");
            method.setAccessible(true);
            return (boolean) method.invoke(model);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return model.getConfig().bosToken >= 0;
        }
    }
}
