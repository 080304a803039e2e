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


#: the translation context of every string here (a literal in each call: lupdate needs it)
CONTEXT = "Explanations"


@dataclass(frozen=True)
class Explanation:
    topic: str
    title: str
    formula: str
    text: str


def _e(topic, title, formula, text):
    return Explanation(topic, title, formula, text)


_ALL = [
    # layers --------------------------------------------------------------------------------------
    _e("layer:Input", QT_TRANSLATE_NOOP("Explanations", "Input layer"), "n^0 = x",
       QT_TRANSLATE_NOOP("Explanations", "Where the data enters. Its size is the number of "
                                         "features of the data set (2 for the 2-D sets, 64 "
                                         "for the 8x8 digits, time x features for sequences).")),
    _e("layer:Dense", QT_TRANSLATE_NOOP("Explanations", "Dense (fully connected) layer"),
       "z = W a_prev + b,  a = f(z)",
       QT_TRANSLATE_NOOP("Explanations", "Every neuron takes the weighted sum of all outputs "
                                         "of the layer before, adds its bias and passes the "
                                         "result through the activation function. W and b "
                                         "start random and are what training learns.")),
    _e("layer:Activation", QT_TRANSLATE_NOOP("Explanations", "Activation layer"), "a = f(z)",
       QT_TRANSLATE_NOOP("Explanations", "Applies a nonlinearity element by element. Without "
                                         "nonlinearities a deep network would be no more than "
                                         "one linear map.")),
    _e("layer:Dropout", QT_TRANSLATE_NOOP("Explanations", "Dropout"),
       "y = x * m / (1 - rate),  m ~ Bernoulli(1 - rate)",
       QT_TRANSLATE_NOOP("Explanations", "During training each neuron is dropped at random, "
                                         "so no neuron can rely on particular others: this "
                                         "reduces over-fitting. nnsim scales the kept ones by "
                                         "1/(1-rate) while training (inverted dropout); the "
                                         "seed's version instead multiplies by the keep "
                                         "probability at prediction. Both give the same "
                                         "expected output.")),
    _e("layer:SimpleRNN", QT_TRANSLATE_NOOP("Explanations", "Simple recurrent layer"),
       "h_t = tanh(W_x x_t + W_h h_{t-1} + b)",
       QT_TRANSLATE_NOOP("Explanations", "The hidden state of one time step is fed into the "
                                         "next, so the network can remember. Back-propagated "
                                         "through time, the gradient is multiplied by W_h and "
                                         "tanh' at every step and fades over long lags: the "
                                         "long-term dependency problem.")),
    _e("layer:LSTM", QT_TRANSLATE_NOOP("Explanations", "LSTM (long short-term memory)"),
       "C_t = f_t * C_{t-1} + i_t * C~_t,  h_t = o_t * tanh(C_t)",
       QT_TRANSLATE_NOOP("Explanations", "A cell state C runs through time, changed only by "
                                         "the gates: the forget gate removes, the input gate "
                                         "adds a tanh candidate, the output gate decides what "
                                         "is shown. Because C_t depends on C_{t-1} through a "
                                         "multiplication by f_t, the gradient survives as "
                                         "long as the forget gate stays open.")),
    _e("layer:Add", QT_TRANSLATE_NOOP("Explanations", "Add (merge)"), "y = x_1 + x_2",
       QT_TRANSLATE_NOOP("Explanations", "Adds inputs of the same shape. Used for skip "
                                         "connections, which give the gradient a short path "
                                         "back to early layers.")),
    _e("layer:Concatenate", QT_TRANSLATE_NOOP("Explanations", "Concatenate (merge)"),
       "y = [x_1, x_2]",
       QT_TRANSLATE_NOOP("Explanations", "Joins inputs side by side along the feature axis.")),
    _e("layer:Output", QT_TRANSLATE_NOOP("Explanations", "Output and loss"), "L(y, y_hat)",
       QT_TRANSLATE_NOOP("Explanations", "Compares the prediction with the truth. Its "
                                         "gradient starts backpropagation. Cross-entropy "
                                         "applies softmax and binary cross-entropy applies "
                                         "sigmoid itself, so the layer before it stays linear.")),
    # activations -----------------------------------------------------------------------------------
    _e("activation:sigmoid", QT_TRANSLATE_NOOP("Explanations", "Sigmoid"),
       "f(z) = 1/(1+e^-z),  f'(z) = f(z)(1-f(z)) <= 1/4",
       QT_TRANSLATE_NOOP("Explanations", "Squashes to (0, 1). Its derivative is at most 1/4, "
                                         "so each sigmoid layer shrinks the error term by 4x "
                                         "or more: deep sigmoid networks suffer vanishing "
                                         "gradients.")),
    _e("activation:tanh", QT_TRANSLATE_NOOP("Explanations", "Tanh"),
       "f(z) = tanh(z),  f'(z) = 1 - f(z)^2",
       QT_TRANSLATE_NOOP("Explanations", "Squashes to (-1, 1), centred at 0. Saturates for "
                                         "large |z|, where the derivative is nearly 0.")),
    _e("activation:relu", QT_TRANSLATE_NOOP("Explanations", "ReLU"),
       "f(z) = max(0, z),  f'(z) = 1 if z > 0 else 0",
       QT_TRANSLATE_NOOP("Explanations", "Passes positive values unchanged: the gradient of "
                                         "an active unit is not shrunk, so deep ReLU networks "
                                         "train well (with He initialisation). A unit that is "
                                         "never active is 'dead'.")),
    _e("activation:leaky_relu", QT_TRANSLATE_NOOP("Explanations", "Leaky ReLU"),
       "f(z) = z if z > 0 else 0.01 z",
       QT_TRANSLATE_NOOP("Explanations", "Like ReLU, but negative inputs keep a small slope "
                                         "so no unit dies.")),
    _e("activation:softmax", QT_TRANSLATE_NOOP("Explanations", "Softmax"),
       "f(z)_i = e^{z_i} / sum_j e^{z_j}",
       QT_TRANSLATE_NOOP("Explanations", "Turns a vector of scores into probabilities that "
                                         "sum to 1.")),
    _e("activation:linear", QT_TRANSLATE_NOOP("Explanations", "Linear (none)"), "f(z) = z",
       QT_TRANSLATE_NOOP("Explanations", "No nonlinearity: used before a loss that applies "
                                         "its own.")),
    # gates ----------------------------------------------------------------------------------------
    _e("gate:forget", QT_TRANSLATE_NOOP("Explanations", "Forget gate"),
       "f_t = sigmoid(W_f [h_{t-1}, x_t] + b_f)",
       QT_TRANSLATE_NOOP("Explanations", "Decides what to throw away from the cell state: 1 "
                                         "keeps everything, 0 forgets. A forget bias of 1 "
                                         "starts it open, which is why LSTMs learn long lags.")),
    _e("gate:input", QT_TRANSLATE_NOOP("Explanations", "Input gate"),
       "i_t = sigmoid(W_i [h_{t-1}, x_t] + b_i)",
       QT_TRANSLATE_NOOP("Explanations", "Decides which values of the candidate are written "
                                         "into the cell state.")),
    _e("gate:candidate", QT_TRANSLATE_NOOP("Explanations", "Candidate values"),
       "C~_t = tanh(W_C [h_{t-1}, x_t] + b_C)",
       QT_TRANSLATE_NOOP("Explanations", "New information that could be added to the cell "
                                         "state, in (-1, 1).")),
    _e("gate:output", QT_TRANSLATE_NOOP("Explanations", "Output gate"),
       "o_t = sigmoid(W_o [h_{t-1}, x_t] + b_o)",
       QT_TRANSLATE_NOOP("Explanations", "Decides which part of tanh(C_t) becomes the hidden "
                                         "state h_t.")),
    _e("gate:cell", QT_TRANSLATE_NOOP("Explanations", "Cell state"),
       "C_t = f_t * C_{t-1} + i_t * C~_t",
       QT_TRANSLATE_NOOP("Explanations", "The LSTM's memory: a conveyor belt through time, "
                                         "changed only by the gates.")),
    # losses ---------------------------------------------------------------------------------------
    _e("loss:mse", QT_TRANSLATE_NOOP("Explanations", "Mean squared error"),
       "L = mean((y_hat - y)^2)",
       QT_TRANSLATE_NOOP("Explanations", "For regression: the average squared distance "
                                         "between prediction and truth.")),
    _e("loss:cross_entropy", QT_TRANSLATE_NOOP("Explanations", "Softmax cross-entropy"),
       "L = -mean(log softmax(z)_y),  dL/dz = (y_hat - y)/n",
       QT_TRANSLATE_NOOP("Explanations", "For classification: small when the true class gets "
                                         "a high probability. Fused with softmax, its "
                                         "gradient is simply prediction minus truth.")),
    _e("loss:bce", QT_TRANSLATE_NOOP("Explanations", "Binary cross-entropy"),
       "L = -mean(y log s(z) + (1-y) log(1-s(z)))",
       QT_TRANSLATE_NOOP("Explanations", "For two classes with one output unit: s(z) is the "
                                         "probability of class 1.")),
    # optimisers -----------------------------------------------------------------------------------
    _e("optimizer:sgd", QT_TRANSLATE_NOOP("Explanations", "Gradient descent (SGD)"),
       "theta <- theta - lr * dL/dtheta",
       QT_TRANSLATE_NOOP("Explanations", "Moves every weight a little against its gradient, "
                                         "one mini-batch at a time.")),
    _e("optimizer:momentum", QT_TRANSLATE_NOOP("Explanations", "Momentum"),
       "v <- 0.9 v - lr g;  theta <- theta + v",
       QT_TRANSLATE_NOOP("Explanations", "Keeps a running velocity, which speeds up slow, "
                                         "consistent descent.")),
    _e("optimizer:nesterov", QT_TRANSLATE_NOOP("Explanations", "Nesterov momentum"),
       "theta <- theta - mu v + (1 + mu) v_new",
       QT_TRANSLATE_NOOP("Explanations", "Momentum that corrects its step by looking ahead.")),
    _e("optimizer:rmsprop", QT_TRANSLATE_NOOP("Explanations", "RMSprop"),
       "theta <- theta - lr g / sqrt(mean(g^2))",
       QT_TRANSLATE_NOOP("Explanations", "Divides each weight's step by the recent size of "
                                         "its gradient.")),
    _e("optimizer:adam", QT_TRANSLATE_NOOP("Explanations", "Adam"),
       "theta <- theta - lr m_hat / (sqrt(v_hat) + eps)",
       QT_TRANSLATE_NOOP("Explanations", "Momentum and RMS scaling together: a robust default.")),
    # concepts -------------------------------------------------------------------------------------
    _e("concept:backprop", QT_TRANSLATE_NOOP("Explanations", "Backpropagation"),
       "delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k);  dL/dW_k = a_{k-1} delta_k^T",
       QT_TRANSLATE_NOOP("Explanations", "The error term delta of each layer is the error of "
                                         "the layer above, sent back through its weights and "
                                         "multiplied by the derivative of this layer's "
                                         "activation. The gradients of W and b follow from "
                                         "delta directly.")),
    _e("concept:vanishing", QT_TRANSLATE_NOOP("Explanations", "Vanishing and exploding "
                                                              "gradients"),
       "||delta_1|| ~ prod_k ||W_k|| * |f'_k|",
       QT_TRANSLATE_NOOP("Explanations", "delta is multiplied by a weight matrix and a "
                                         "derivative at every layer. If those factors are "
                                         "below 1 the gradient vanishes and early layers stop "
                                         "learning; above 1 it explodes. Cures: ReLU, "
                                         "He/Xavier initialisation, gradient clipping, LSTMs "
                                         "for sequences.")),
    _e("concept:overfitting", QT_TRANSLATE_NOOP("Explanations", "Over-fitting"),
       "val loss rises while train loss falls",
       QT_TRANSLATE_NOOP("Explanations", "The network memorises the training samples, noise "
                                         "included, instead of the pattern. Cures: more data, "
                                         "a smaller network, dropout, weight decay.")),
    # plots ------------------------------------------------------------------------------------------
    _e("plot:loss", QT_TRANSLATE_NOOP("Explanations", "Loss and accuracy"), "",
       QT_TRANSLATE_NOOP("Explanations", "Is it learning? Training loss per step and "
                                         "validation loss and accuracy. A gap between them "
                                         "that grows means over-fitting.")),
    _e("plot:weights", QT_TRANSLATE_NOOP("Explanations", "Weight heatmaps"), "",
       QT_TRANSLATE_NOOP("Explanations", "Each layer's W as an image: red positive, blue "
                                         "negative. Watch structure appear as the network "
                                         "learns.")),
    _e("plot:gradients", QT_TRANSLATE_NOOP("Explanations", "Gradient health"), "",
       QT_TRANSLATE_NOOP("Explanations", "Which layer stopped learning? The gradient norm of "
                                         "every layer on a log scale; the shaded bands mark "
                                         "vanishing and exploding.")),
    _e("plot:time", QT_TRANSLATE_NOOP("Explanations", "Gradient through time"), "||dL/dh_t||",
       QT_TRANSLATE_NOOP("Explanations", "How much gradient reaches each time step: in a "
                                         "simple RNN it fades going back in time; in an LSTM "
                                         "it survives.")),
    _e("plot:gates", QT_TRANSLATE_NOOP("Explanations", "LSTM gates"), "",
       QT_TRANSLATE_NOOP("Explanations", "What is the forget gate doing? Each gate's value "
                                         "for every unit and time step of the probe sequence.")),
    _e("plot:output", QT_TRANSLATE_NOOP("Explanations", "Output"), "",
       QT_TRANSLATE_NOOP("Explanations", "What the network predicts: the decision surface, "
                                         "the fitted curve, the predicted sequence or "
                                         "generated text.")),
    _e("plot:neurons", QT_TRANSLATE_NOOP("Explanations", "Neuron view"), "",
       QT_TRANSLATE_NOOP("Explanations", "The network as in the notes: neurons coloured by "
                                         "activation, connections by the sign and size of "
                                         "their weight.")),
]

EXPLANATIONS: dict[str, Explanation] = {e.topic: e for e in _ALL}
TOPICS = tuple(EXPLANATIONS)


def explain(topic: str) -> Explanation:
    try:
        return EXPLANATIONS[topic]
    except KeyError:
        raise KeyError(f"no explanation for {topic!r}") from None
