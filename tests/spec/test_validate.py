"""Every validation rule gives one specific message, tied to the node or link it is about."""

import pytest

from nnsim.spec import DataShape, LinkSpec, NodeSpec, Project, compile_project, validate
from nnsim.spec.compile import SpecError

XOR = DataShape((2,), "classification", 2, 2, False, "xor")
SEQ_LAST = DataShape((30, 2), "regression", 0, 1, False, "adding")
SEQ_STEP = DataShape((40, 1), "regression", 0, 1, True, "sine_wave")
REG = DataShape((1,), "regression", 0, 1, False, "sine")


def chain(*layers, loss="cross_entropy"):
    nodes = [NodeSpec.new("in", "Input")]
    for i, (t, params) in enumerate(layers):
        nodes.append(NodeSpec.new(f"l{i}", t, **params))
    nodes.append(NodeSpec.new("out", "Output", loss=loss))
    links = [LinkSpec(a.id, b.id) for a, b in zip(nodes, nodes[1:])]
    return Project(nodes=nodes, links=links)


def good():
    return chain(("Dense", {"units": 8}), ("Dense", {"units": 2, "activation": "linear"}))


def only(v):
    assert len(v.problems) == 1, v.messages()
    return v.problems[0]


def test_valid_network_has_shapes_for_every_node_and_counts_parameters():
    v = validate(good(), XOR)
    assert v.ok
    assert v.shapes == {"in": (2,), "l0": (8,), "l1": (2,), "out": (2,)}
    assert v.n_params == (2 + 1) * 8 + (8 + 1) * 2
    assert v.order[0] == "in" and v.order[-1] == "out"


def test_no_input():
    p = good()
    p.nodes = [n for n in p.nodes if n.id != "in"]
    p.links = [l for l in p.links if l.src != "in"]
    msgs = validate(p, XOR).messages()
    assert "The network has no Input layer: drag one from the palette" in msgs


def test_no_output():
    p = good()
    p.nodes = [n for n in p.nodes if n.id != "out"]
    p.links = [l for l in p.links if l.dst != "out"]
    assert "The network has no Output / loss layer: drag one from the palette" in \
        validate(p, XOR).messages()


def test_two_inputs():
    p = good()
    p.nodes.append(NodeSpec.new("in2", "Input"))
    assert any("Only one Input layer is allowed" in m for m in validate(p, XOR).messages())


def test_dangling_node_is_named():
    p = good()
    p.nodes.append(NodeSpec.new("lonely", "Dense"))
    p.links.append(LinkSpec("in", "lonely"))
    prob = only(validate(p, XOR))
    assert prob.message == "Dense 'lonely' does not lead to the Output"
    assert prob.node == "lonely"


def test_unconnected_input_side():
    p = good()
    p.nodes.append(NodeSpec.new("a", "Dense"))
    p.nodes.append(NodeSpec.new("b", "Dense"))
    p.links.append(LinkSpec("a", "b"))
    msgs = validate(p, XOR).messages()
    assert "Dense 'a' has no input: connect a layer to it" in msgs


def test_cycle_is_spelled_out():
    p = Project(nodes=[NodeSpec.new("in", "Input"), NodeSpec.new("add", "Add"),
                       NodeSpec.new("d", "Dense", units=2, activation="linear"),
                       NodeSpec.new("out", "Output")],
                links=[LinkSpec("in", "add"), LinkSpec("d", "add"), LinkSpec("add", "d"),
                       LinkSpec("d", "out")])
    prob = only(validate(p, XOR))
    assert "form a cycle" in prob.message
    assert "add → d → add" in prob.message or "d → add → d" in prob.message


def test_shape_mismatch_names_both_ends():
    p = chain(("Dense", {"units": 8}), ("Dense", {"units": 3, "activation": "linear"}))
    prob = only(validate(p, XOR))
    assert prob.message == ("The Output expects (batch, 2) for the 2 classes of xor, but 'l1' "
                            "gives (batch, 3): set units of 'l1' to 2")
    assert prob.link == ("l1", "out")


def test_add_shape_mismatch():
    p = Project(nodes=[NodeSpec.new("in", "Input"), NodeSpec.new("a", "Dense", units=4),
                       NodeSpec.new("b", "Dense", units=5), NodeSpec.new("add", "Add"),
                       NodeSpec.new("o", "Dense", units=2, activation="linear"),
                       NodeSpec.new("out", "Output")],
                links=[LinkSpec("in", "a"), LinkSpec("in", "b"), LinkSpec("a", "add"),
                       LinkSpec("b", "add"), LinkSpec("add", "o"), LinkSpec("o", "out")])
    prob = only(validate(p, XOR))
    assert prob.message == ("Add 'add' joins (batch, 4) from 'a', (batch, 5) from 'b': the "
                            "shapes must be equal")


def test_concatenate_sums_features():
    p = Project(nodes=[NodeSpec.new("in", "Input"), NodeSpec.new("a", "Dense", units=4),
                       NodeSpec.new("b", "Dense", units=5), NodeSpec.new("cat", "Concatenate"),
                       NodeSpec.new("o", "Dense", units=2, activation="linear"),
                       NodeSpec.new("out", "Output")],
                links=[LinkSpec("in", "a"), LinkSpec("in", "b"), LinkSpec("a", "cat"),
                       LinkSpec("b", "cat"), LinkSpec("cat", "o"), LinkSpec("o", "out")])
    v = validate(p, XOR)
    assert v.ok and v.shapes["cat"] == (9,)


def test_merge_needs_two_inputs():
    p = chain(("Add", {}), ("Dense", {"units": 2, "activation": "linear"}))
    assert only(validate(p, XOR)).message == "Add 'l0' needs two or more inputs, has 1"


def test_two_inputs_into_dense():
    p = good()
    p.links.append(LinkSpec("in", "l1"))
    assert only(validate(p, XOR)).message == \
        "Dense 'l1' has 2 inputs; only Add and Concatenate merge several"


@pytest.mark.parametrize("param,value,text", [
    ("units", 0, "Dense 'l0': Units must be from 1 to 4096, got 0"),
    ("units", 2.5, "Dense 'l0': Units must be a whole number from 1 to 4096, got 2.5"),
    ("activation", "swish", "Dense 'l0': Activation must be one of"),
    ("init", "magic", "Dense 'l0': Initialiser must be one of"),
])
def test_parameter_out_of_range(param, value, text):
    p = good()
    p.node("l0").params[param] = value
    assert only(validate(p, XOR)).message.startswith(text)


def test_unknown_and_missing_parameters_and_types():
    p = good()
    p.node("l0").params["colour"] = "red"
    assert only(validate(p, XOR)).message == "Dense 'l0' has no parameter 'colour'"
    p = good()
    del p.node("l0").params["units"]
    assert only(validate(p, XOR)).message == "Dense 'l0' is missing its parameter 'units'"
    p = good()
    p.node("l0").type = "Conv2D"
    assert "unknown layer type 'Conv2D'" in only(validate(p, XOR)).message


def test_training_settings_checked():
    p = good()
    p.training["learning_rate"] = -1
    assert only(validate(p, XOR)).message == \
        "Training: Learning rate must be from 1e-06 to 10, got -1"
    p = good()
    p.training["batch_size"] = float("nan")
    assert "Batch size must be a whole number" in only(validate(p, XOR)).message


def test_absurd_size_refused_before_allocation():
    p = chain(*[("Dense", {"units": 4096}) for _ in range(3)],
              ("Dense", {"units": 2, "activation": "linear"}))
    v = validate(p, DataShape((4096,), "classification", 2, 2, False, "big"))
    assert not v.ok and "parameters" in v.messages()[0] and "limit" in v.messages()[0]
    with pytest.raises(SpecError):
        compile_project(p, DataShape((4096,), "classification", 2, 2, False, "big"))


def test_links_to_missing_nodes_self_and_duplicates():
    p = good()
    p.links.append(LinkSpec("l0", "ghost"))
    assert "does not exist" in only(validate(p, XOR)).message
    p = good()
    p.links.append(LinkSpec("in", "l0"))
    assert any("twice" in m for m in validate(p, XOR).messages())
    p = good()
    p.links.append(LinkSpec("l0", "l0"))
    assert any("linked to itself" in m for m in validate(p, XOR).messages())
    p = good()
    p.links.append(LinkSpec("out", "l0"))
    assert any("cannot feed another layer" in m for m in validate(p, XOR).messages())


def test_duplicate_names():
    p = good()
    p.nodes.append(NodeSpec.new("l0", "Dense"))
    assert any("Two layers are named 'l0'" in m for m in validate(p, XOR).messages())


def test_loss_must_fit_the_task():
    p = chain(("Dense", {"units": 1, "activation": "linear"}), loss="cross_entropy")
    assert "regression task: choose the mse loss" in only(validate(p, REG)).message
    p = chain(("Dense", {"units": 2, "activation": "linear"}), loss="mse")
    assert "classification task: choose cross_entropy" in only(validate(p, XOR)).message
    p = chain(("Dense", {"units": 2, "activation": "softmax"}))
    assert only(validate(p, XOR)).message == ("The cross-entropy loss applies softmax itself: "
                                              "set the activation of 'l0' to linear")
    p = chain(("Dense", {"units": 1, "activation": "linear"}), loss="bce")
    assert validate(p, XOR).ok
    three = DataShape((2,), "classification", 3, 3, False, "gaussians")
    assert "bce needs two classes" in only(validate(p, three)).message


def test_recurrent_needs_a_sequence():
    p = chain(("LSTM", {"units": 4}), ("Dense", {"units": 2, "activation": "linear"}))
    prob = only(validate(p, XOR))
    assert prob.message.startswith("LSTM 'l0' needs a sequence (batch, time, features) but "
                                   "'in' gives (batch, 2)")


def test_recurrent_shapes_and_time_axis_rules():
    p = chain(("LSTM", {"units": 8, "return_sequences": True}),
              ("SimpleRNN", {"units": 4}), ("Dense", {"units": 1, "activation": "linear"}),
              loss="mse")
    v = validate(p, SEQ_LAST)
    assert v.ok, v.messages()
    assert v.shapes["l0"] == (30, 8) and v.shapes["l1"] == (4,)
    # per-step targets need the time axis kept
    assert "turn on return_sequences" in only(validate(p, SEQ_STEP)).message
    p.node("l1").params["return_sequences"] = True
    assert validate(p, SEQ_STEP).ok
    assert "still has a time axis" in only(validate(p, SEQ_LAST)).message


def test_validation_without_data_checks_structure_only():
    assert validate(good()).ok
    assert validate(good()).shapes == {}


def test_compile_reports_every_problem_and_names_layers_by_id():
    p = chain(("Dense", {"units": 8}), ("Dense", {"units": 3, "activation": "linear"}))
    with pytest.raises(SpecError) as e:
        compile_project(p, XOR)
    assert "set units of 'l1' to 2" in str(e.value)
    net = compile_project(good(), XOR)
    assert list(net.named_parameters()) == ["l0.W", "l0.b", "l1.W", "l1.b"]
    assert net.input_name == "in"
