"""Short explanations, with formulas, of everything a user meets in nnsim, in the seed's terms.

``explain(topic)`` returns an ``Explanation`` for topics such as ``"layer:Dense"``,
``"activation:tanh"``, ``"gate:forget"``, ``"loss:cross_entropy"``, ``"optimizer:adam"``,
``"plot:gradients"`` or ``"concept:backprop"``; ``TOPICS`` lists them all. The UI shows them as
tooltips and in the help panel. Qt-free; the strings are marked with ``QT_TRANSLATE_NOOP`` so Qt
Linguist's tools collect them for translation (the UI translates them when it shows them).
"""

from __future__ import annotations

from dataclasses import dataclass


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation without needing Qt here."""
    return text


CONTEXT = "Explanations"


@dataclass(frozen=True)
class Explanation:
    topic: str
    title: str
    formula: str
    text: str


def _e(topic, title, formula, text):
    return Explanation(topic, title, formula, text)


T = QT_TRANSLATE_NOOP
_ALL = [
    # layers --------------------------------------------------------------------------------------
    _e("layer:Input", T(CONTEXT, "Input layer"), "n^0 = x",
       T(CONTEXT, "Where the data enters. Its size is the number of features of the data set "
                  "(2 for the 2-D sets, 64 for the 8x8 digits, time x features for sequences).")),
    _e("layer:Dense", T(CONTEXT, "Dense (fully connected) layer"), "z = W a_prev + b,  a = f(z)",
       T(CONTEXT, "Every neuron takes the weighted sum of all outputs of the layer before, adds "
                  "its bias and passes the result through the activation function. W and b "
                  "start random and are what training learns.")),
    _e("layer:Activation", T(CONTEXT, "Activation layer"), "a = f(z)",
       T(CONTEXT, "Applies a nonlinearity element by element. Without nonlinearities a deep "
                  "network would be no more than one linear map.")),
    _e("layer:Dropout", T(CONTEXT, "Dropout"), "y = x * m / (1 - rate),  m ~ Bernoulli(1 - rate)",
       T(CONTEXT, "During training each neuron is dropped at random, so no neuron can rely on "
                  "particular others: this reduces over-fitting. nnsim scales the kept ones by "
                  "1/(1-rate) while training (inverted dropout); the seed's version instead "
                  "multiplies by the keep probability at prediction. Both give the same "
                  "expected output.")),
    _e("layer:SimpleRNN", T(CONTEXT, "Simple recurrent layer"),
       "h_t = tanh(W_x x_t + W_h h_{t-1} + b)",
       T(CONTEXT, "The hidden state of one time step is fed into the next, so the network can "
                  "remember. Back-propagated through time, the gradient is multiplied by W_h "
                  "and tanh' at every step and fades over long lags: the long-term dependency "
                  "problem.")),
    _e("layer:LSTM", T(CONTEXT, "LSTM (long short-term memory)"),
       "C_t = f_t * C_{t-1} + i_t * C~_t,  h_t = o_t * tanh(C_t)",
       T(CONTEXT, "A cell state C runs through time, changed only by the gates: the forget gate "
                  "removes, the input gate adds a tanh candidate, the output gate decides what "
                  "is shown. Because C_t depends on C_{t-1} through a multiplication by f_t, "
                  "the gradient survives as long as the forget gate stays open.")),
    _e("layer:Add", T(CONTEXT, "Add (merge)"), "y = x_1 + x_2",
       T(CONTEXT, "Adds inputs of the same shape. Used for skip connections, which give the "
                  "gradient a short path back to early layers.")),
    _e("layer:Concatenate", T(CONTEXT, "Concatenate (merge)"), "y = [x_1, x_2]",
       T(CONTEXT, "Joins inputs side by side along the feature axis.")),
    _e("layer:Output", T(CONTEXT, "Output and loss"), "L(y, y_hat)",
       T(CONTEXT, "Compares the prediction with the truth. Its gradient starts backpropagation. "
                  "Cross-entropy applies softmax and binary cross-entropy applies sigmoid "
                  "itself, so the layer before it stays linear.")),
    # activations -----------------------------------------------------------------------------------
    _e("activation:sigmoid", T(CONTEXT, "Sigmoid"), "f(z) = 1/(1+e^-z),  f'(z) = f(z)(1-f(z)) <= 1/4",
       T(CONTEXT, "Squashes to (0, 1). Its derivative is at most 1/4, so each sigmoid layer "
                  "shrinks the error term by 4x or more: deep sigmoid networks suffer vanishing "
                  "gradients.")),
    _e("activation:tanh", T(CONTEXT, "Tanh"), "f(z) = tanh(z),  f'(z) = 1 - f(z)^2",
       T(CONTEXT, "Squashes to (-1, 1), centred at 0. Saturates for large |z|, where the "
                  "derivative is nearly 0.")),
    _e("activation:relu", T(CONTEXT, "ReLU"), "f(z) = max(0, z),  f'(z) = 1 if z > 0 else 0",
       T(CONTEXT, "Passes positive values unchanged: the gradient of an active unit is not "
                  "shrunk, so deep ReLU networks train well (with He initialisation). A unit "
                  "that is never active is 'dead'.")),
    _e("activation:leaky_relu", T(CONTEXT, "Leaky ReLU"), "f(z) = z if z > 0 else 0.01 z",
       T(CONTEXT, "Like ReLU, but negative inputs keep a small slope so no unit dies.")),
    _e("activation:softmax", T(CONTEXT, "Softmax"), "f(z)_i = e^{z_i} / sum_j e^{z_j}",
       T(CONTEXT, "Turns a vector of scores into probabilities that sum to 1.")),
    _e("activation:linear", T(CONTEXT, "Linear (none)"), "f(z) = z",
       T(CONTEXT, "No nonlinearity: used before a loss that applies its own.")),
    # gates ----------------------------------------------------------------------------------------
    _e("gate:forget", T(CONTEXT, "Forget gate"), "f_t = sigmoid(W_f [h_{t-1}, x_t] + b_f)",
       T(CONTEXT, "Decides what to throw away from the cell state: 1 keeps everything, 0 "
                  "forgets. A forget bias of 1 starts it open, which is why LSTMs learn long "
                  "lags.")),
    _e("gate:input", T(CONTEXT, "Input gate"), "i_t = sigmoid(W_i [h_{t-1}, x_t] + b_i)",
       T(CONTEXT, "Decides which values of the candidate are written into the cell state.")),
    _e("gate:candidate", T(CONTEXT, "Candidate values"), "C~_t = tanh(W_C [h_{t-1}, x_t] + b_C)",
       T(CONTEXT, "New information that could be added to the cell state, in (-1, 1).")),
    _e("gate:output", T(CONTEXT, "Output gate"), "o_t = sigmoid(W_o [h_{t-1}, x_t] + b_o)",
       T(CONTEXT, "Decides which part of tanh(C_t) becomes the hidden state h_t.")),
    _e("gate:cell", T(CONTEXT, "Cell state"), "C_t = f_t * C_{t-1} + i_t * C~_t",
       T(CONTEXT, "The LSTM's memory: a conveyor belt through time, changed only by the gates.")),
    # losses ---------------------------------------------------------------------------------------
    _e("loss:mse", T(CONTEXT, "Mean squared error"), "L = mean((y_hat - y)^2)",
       T(CONTEXT, "For regression: the average squared distance between prediction and truth.")),
    _e("loss:cross_entropy", T(CONTEXT, "Softmax cross-entropy"),
       "L = -mean(log softmax(z)_y),  dL/dz = (y_hat - y)/n",
       T(CONTEXT, "For classification: small when the true class gets a high probability. "
                  "Fused with softmax, its gradient is simply prediction minus truth.")),
    _e("loss:bce", T(CONTEXT, "Binary cross-entropy"),
       "L = -mean(y log s(z) + (1-y) log(1-s(z)))",
       T(CONTEXT, "For two classes with one output unit: s(z) is the probability of class 1.")),
    # optimisers -----------------------------------------------------------------------------------
    _e("optimizer:sgd", T(CONTEXT, "Gradient descent (SGD)"), "theta <- theta - lr * dL/dtheta",
       T(CONTEXT, "Moves every weight a little against its gradient, one mini-batch at a time.")),
    _e("optimizer:momentum", T(CONTEXT, "Momentum"), "v <- 0.9 v - lr g;  theta <- theta + v",
       T(CONTEXT, "Keeps a running velocity, which speeds up slow, consistent descent.")),
    _e("optimizer:nesterov", T(CONTEXT, "Nesterov momentum"),
       "theta <- theta - mu v + (1 + mu) v_new",
       T(CONTEXT, "Momentum that corrects its step by looking ahead.")),
    _e("optimizer:rmsprop", T(CONTEXT, "RMSprop"), "theta <- theta - lr g / sqrt(mean(g^2))",
       T(CONTEXT, "Divides each weight's step by the recent size of its gradient.")),
    _e("optimizer:adam", T(CONTEXT, "Adam"), "theta <- theta - lr m_hat / (sqrt(v_hat) + eps)",
       T(CONTEXT, "Momentum and RMS scaling together: a robust default.")),
    # concepts -------------------------------------------------------------------------------------
    _e("concept:backprop", T(CONTEXT, "Backpropagation"),
       "delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k);  dL/dW_k = a_{k-1} delta_k^T",
       T(CONTEXT, "The error term delta of each layer is the error of the layer above, sent "
                  "back through its weights and multiplied by the derivative of this layer's "
                  "activation. The gradients of W and b follow from delta directly.")),
    _e("concept:vanishing", T(CONTEXT, "Vanishing and exploding gradients"),
       "||delta_1|| ~ prod_k ||W_k|| * |f'_k|",
       T(CONTEXT, "delta is multiplied by a weight matrix and a derivative at every layer. If "
                  "those factors are below 1 the gradient vanishes and early layers stop "
                  "learning; above 1 it explodes. Cures: ReLU, He/Xavier initialisation, "
                  "gradient clipping, LSTMs for sequences.")),
    _e("concept:overfitting", T(CONTEXT, "Over-fitting"), "val loss rises while train loss falls",
       T(CONTEXT, "The network memorises the training samples, noise included, instead of the "
                  "pattern. Cures: more data, a smaller network, dropout, weight decay.")),
    # plots ------------------------------------------------------------------------------------------
    _e("plot:loss", T(CONTEXT, "Loss and accuracy"), "",
       T(CONTEXT, "Is it learning? Training loss per step and validation loss and accuracy. A "
                  "gap between them that grows means over-fitting.")),
    _e("plot:weights", T(CONTEXT, "Weight heatmaps"), "",
       T(CONTEXT, "Each layer's W as an image: red positive, blue negative. Watch structure "
                  "appear as the network learns.")),
    _e("plot:gradients", T(CONTEXT, "Gradient health"), "",
       T(CONTEXT, "Which layer stopped learning? The gradient norm of every layer on a log "
                  "scale; the shaded bands mark vanishing and exploding.")),
    _e("plot:time", T(CONTEXT, "Gradient through time"), "||dL/dh_t||",
       T(CONTEXT, "How much gradient reaches each time step: in a simple RNN it fades going "
                  "back in time; in an LSTM it survives.")),
    _e("plot:gates", T(CONTEXT, "LSTM gates"), "",
       T(CONTEXT, "What is the forget gate doing? Each gate's value for every unit and time "
                  "step of the probe sequence.")),
    _e("plot:output", T(CONTEXT, "Output"), "",
       T(CONTEXT, "What the network predicts: the decision surface, the fitted curve, the "
                  "predicted sequence or generated text.")),
    _e("plot:neurons", T(CONTEXT, "Neuron view"), "",
       T(CONTEXT, "The network as in the notes: neurons coloured by activation, connections by "
                  "the sign and size of their weight.")),
]

EXPLANATIONS: dict[str, Explanation] = {e.topic: e for e in _ALL}
TOPICS = tuple(EXPLANATIONS)


def explain(topic: str) -> Explanation:
    try:
        return EXPLANATIONS[topic]
    except KeyError:
        raise KeyError(f"no explanation for {topic!r}") from None
