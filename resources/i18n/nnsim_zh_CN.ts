<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../nnsim/ui/app.py" line="147"/>
        <source>An internal error was caught: your work is autosaved and the details are in the error log.</source>
        <translation>捕获到一个内部错误：你的工作已自动保存，详细信息记录在错误日志中。</translation>
    </message>
</context>
<context>
    <name>Canvas</name>
    <message>
        <location filename="../../nnsim/ui/canvas/interactions.py" line="98"/>
        <source>{0} → {1} is connected already or cannot be connected</source>
        <translation>{0} → {1} 已经连接，或无法连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="36"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="38"/>
        <source>Concat</source>
        <translation>拼接</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="40"/>
        <source>RNN</source>
        <translation>RNN</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="46"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="48"/>
        <source>binary cross-ent.</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="50"/>
        <source>mean sq. error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="72"/>
        <source>rate {0}</source>
        <translation>丢弃率 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="74"/>
        <source>{0} units</source>
        <translation>{0} 个单元</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="75"/>
        <source> · seq</source>
        <translation> · 序列</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="78"/>
        <source>from the data</source>
        <translation>来自数据集</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="81"/>
        <source>1 feature</source>
        <translation>1 个特征</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="82"/>
        <source>{0} features</source>
        <translation>{0} 个特征</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="83"/>
        <source>{0} steps × {1}</source>
        <translation>{0} 步 × {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="87"/>
        <source>sum of inputs</source>
        <translation>输入相加</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="89"/>
        <source>join features</source>
        <translation>拼接特征</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="105"/>
        <source>Drag to an input port to connect</source>
        <translation>拖到一个输入端口上以连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/items.py" line="106"/>
        <source>Drag here from an output port (or from here to one)</source>
        <translation>从输出端口拖到这里（或从这里拖到输出端口）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="105"/>
        <source>Cut 1 layer</source>
        <extracomment>a short note for the status bar (&quot;cannot connect ...&quot;)</extracomment>
        <translation>剪切 1 个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="106"/>
        <source>Cut {0} layers</source>
        <translation>剪切 {0} 个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="123"/>
        <source>The clipboard does not hold layers nnsim can paste</source>
        <translation>剪贴板里没有 nnsim 可以粘贴的层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="143"/>
        <source>Tidy</source>
        <translation>整理布局</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="294"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="295"/>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="296"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="298"/>
        <source>Add layer</source>
        <translation>添加层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="303"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="306"/>
        <source>Tidy layout</source>
        <translation>整理布局</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/canvas/view.py" line="307"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="48"/>
        <source>Add {0}</source>
        <translation>添加{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="60"/>
        <location filename="../../nnsim/ui/commands.py" line="264"/>
        <source>Connect {0} → {1}</source>
        <translation>连接 {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="87"/>
        <source>Delete {0}</source>
        <extracomment>(index, link) of every link removed, ascending (index, node) ascending</extracomment>
        <translation>删除 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="89"/>
        <source>Delete {0} layers</source>
        <translation>删除 {0} 个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="92"/>
        <source>Disconnect {0} → {1}</source>
        <translation>断开 {0} → {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="94"/>
        <source>Delete {0} links</source>
        <translation>删除 {0} 条连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="119"/>
        <source>Move {0}</source>
        <translation>移动 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="120"/>
        <source>Move {0} layers</source>
        <translation>移动 {0} 个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="143"/>
        <source>Set {0}.{1} = {2}</source>
        <translation>设置 {0}.{1} = {2}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="167"/>
        <location filename="../../nnsim/ui/commands.py" line="178"/>
        <source>Set {0} = {1}</source>
        <translation>设置 {0} = {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="190"/>
        <source>Data set {0}</source>
        <translation>数据集：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="209"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="230"/>
        <source>Paste 1 layer</source>
        <translation>粘贴 1 个层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/commands.py" line="231"/>
        <source>Paste {0} layers</source>
        <translation>粘贴 {0} 个层</translation>
    </message>
</context>
<context>
    <name>DataNames</name>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="217"/>
        <source>value</source>
        <extracomment>languages nnsim has, as (code, name in that language); English is the source language the names the built-in data sets give their features and targets (``meta[&quot;feature_names&quot;]``, ``meta[&quot;target_names&quot;]``), shown beside neurons and on the plots&apos; axes</extracomment>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="218"/>
        <source>marker</source>
        <translation>标记</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="219"/>
        <source>sum</source>
        <translation>和</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="220"/>
        <source>next value</source>
        <translation>下一个值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="221"/>
        <source>height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="222"/>
        <source>bit</source>
        <translation>位</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="226"/>
        <source>class {0}</source>
        <extracomment>names with a number or a letter in them: (prefix, template)</extracomment>
        <translation>类别 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="227"/>
        <source>symbol {0}</source>
        <translation>符号 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="228"/>
        <source>pixel {0}</source>
        <translation>像素 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/i18n.py" line="229"/>
        <source>next {0}</source>
        <translation>下一个{0}</translation>
    </message>
</context>
<context>
    <name>DatasetParams</name>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="32"/>
        <source>N samples</source>
        <extracomment>labels of the data sets&apos; parameters (the registry has none: the key, capitalised)</extracomment>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="33"/>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="34"/>
        <source>Val fraction</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="35"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="36"/>
        <source>N classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="37"/>
        <source>Turns</source>
        <translation>圈数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="38"/>
        <source>Cells</source>
        <translation>格数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="39"/>
        <source>Freq</source>
        <translation>频率</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="40"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="41"/>
        <source>Lag</source>
        <translation>间隔步数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="42"/>
        <source>N symbols</source>
        <translation>符号数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="43"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="44"/>
        <source>Lowercase</source>
        <translation>转为小写</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="45"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="46"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="47"/>
        <source>Target</source>
        <translation>目标列</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="48"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="65"/>
        <source>one of {0}</source>
        <translation>取 {0} 之一</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="67"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="69"/>
        <source>true or false</source>
        <translation>是或否</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="74"/>
        <source>a whole number from {0} to {1}</source>
        <translation>{0} 到 {1} 之间的整数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="76"/>
        <source>a whole number &gt;= {0}</source>
        <translation>不小于 {0} 的整数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="78"/>
        <source>a whole number &lt;= {0}</source>
        <translation>不大于 {0} 的整数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="79"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="81"/>
        <source>a number from {0} to {1}</source>
        <translation>{0} 到 {1} 之间的数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="83"/>
        <source>a number &gt;= {0}</source>
        <translation>不小于 {0} 的数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="85"/>
        <source>a number &lt;= {0}</source>
        <translation>不大于 {0} 的数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="86"/>
        <source>a number</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>DatasetSection</name>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="363"/>
        <source>Unknown data set {0}</source>
        <translation>未知的数据集 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="381"/>
        <location filename="../../nnsim/ui/inspector.py" line="390"/>
        <source>Choose a CSV file</source>
        <translation>选择 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="391"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="401"/>
        <source>Data set {0}</source>
        <translation>数据集：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="412"/>
        <source>Data set {0} = {1}</source>
        <translation>数据集 {0} = {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="424"/>
        <source>{0} classes</source>
        <translation>{0} 个类别</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="425"/>
        <source>regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="426"/>
        <source>{0} training · {1} validation examples&lt;br&gt;input {2} · {3}</source>
        <translation>训练样本 {0} 个 · 验证样本 {1} 个&lt;br&gt;输入形状 {2} · {3}</translation>
    </message>
</context>
<context>
    <name>Datasets</name>
    <message>
        <location filename="../../nnsim/data/registry.py" line="92"/>
        <source>number of examples (train + validation)</source>
        <translation>样本数（训练 + 验证）</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="95"/>
        <source>std of Gaussian jitter</source>
        <translation>高斯抖动的标准差</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="96"/>
        <source>std of noise added to y</source>
        <translation>加在 y 上的噪声的标准差</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="97"/>
        <source>std of input noise</source>
        <translation>输入噪声的标准差</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="105"/>
        <source>fraction of examples kept aside for validation</source>
        <translation>留作验证的样本比例</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="108"/>
        <source>random seed: the same seed gives the same data</source>
        <translation>随机种子：相同的种子生成相同的数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="113"/>
        <source>time steps per sequence</source>
        <translation>每个序列的时间步数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="119"/>
        <source>steps between the information and the answer (sequence = lag + 1)</source>
        <translation>信息与答案之间相隔的步数（序列长度 = 间隔 + 1）</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="123"/>
        <source>CSV file to read</source>
        <translation>要读取的 CSV 文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="124"/>
        <source>2-D classification</source>
        <translation>二维分类</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="125"/>
        <source>Regression</source>
        <translation>回归</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="126"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="127"/>
        <source>Sequences</source>
        <translation>序列</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="128"/>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="136"/>
        <source>XOR</source>
        <translation>异或 (XOR)</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="137"/>
        <source>Four quadrants, opposite corners share a class.</source>
        <translation>四个象限，相对的两个象限属于同一类。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="139"/>
        <source>Circle</source>
        <translation>圆环</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="141"/>
        <source>A disk of one class inside a ring of the other.</source>
        <translation>一类是圆盘，被另一类的圆环包围。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="143"/>
        <source>Gaussian clusters</source>
        <translation>高斯簇</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="145"/>
        <source>Round clusters, one per class; noise widens them until they overlap.</source>
        <translation>每类一个圆形的簇；噪声越大，簇越宽，直至相互重叠。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="148"/>
        <source>std of each cluster</source>
        <translation>每个簇的标准差</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="150"/>
        <source>number of clusters (classes)</source>
        <translation>簇（类别）的个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="152"/>
        <source>Spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="154"/>
        <source>Two interleaved spirals.</source>
        <translation>两条交错的螺旋线。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="157"/>
        <source>turns of each spiral</source>
        <translation>每条螺旋的圈数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="159"/>
        <source>Two moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="160"/>
        <source>Two interleaving half circles.</source>
        <translation>两个相互咬合的半圆。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="162"/>
        <source>Checkerboard</source>
        <translation>棋盘格</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="164"/>
        <source>Squares of alternating class.</source>
        <translation>类别交替的方格。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="167"/>
        <source>squares along each side</source>
        <translation>每边的方格数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="169"/>
        <source>Sine curve</source>
        <translation>正弦曲线</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="171"/>
        <source>Fit y = sin(freq·π·x) on [-1, 1] from noisy samples.</source>
        <translation>用带噪声的样本在 [-1, 1] 上拟合 y = sin(freq·π·x)。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="174"/>
        <source>half-periods of the sine on [-1, 1]</source>
        <translation>[-1, 1] 上正弦的半周期数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="177"/>
        <source>Bump surface</source>
        <translation>起伏曲面</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="179"/>
        <source>Fit a smooth 2-D surface (a hill and a pit) from noisy samples.</source>
        <translation>用带噪声的样本拟合一个光滑的二维曲面（一座山丘和一个坑）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="183"/>
        <source>Digits (8x8)</source>
        <translation>手写数字 (8x8)</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="185"/>
        <source>1,797 handwritten digits as 8x8 images (UCI), 10 classes.</source>
        <translation>1,797 个 8x8 像素的手写数字图像（UCI），10 个类别。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="188"/>
        <source>Sine wave</source>
        <translation>正弦波</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="190"/>
        <source>Predict the next value of a noisy sine wave at every step.</source>
        <translation>在每个时间步预测带噪声正弦波的下一个值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="194"/>
        <source>Adding problem</source>
        <translation>加法问题</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="196"/>
        <source>Add the two marked numbers of a long sequence (Hochreiter &amp; Schmidhuber 1997).</source>
        <translation>把长序列中标记出的两个数相加（Hochreiter &amp; Schmidhuber 1997）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="199"/>
        <source>Memory</source>
        <translation>记忆</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="201"/>
        <source>Name the symbol seen lag steps ago.</source>
        <translation>说出 lag 步之前看到的符号。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="204"/>
        <source>number of different symbols (classes)</source>
        <translation>不同符号（类别）的个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="207"/>
        <source>Delayed XOR / parity</source>
        <translation>延迟异或 / 奇偶校验</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="209"/>
        <source>A bit stream: XOR of the first and last bit, or the parity of all bits.</source>
        <translation>一串比特：求第一位与最后一位的异或，或所有位的奇偶性。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="213"/>
        <source>xor: first bit XOR last bit; parity: XOR of all bits</source>
        <translation>xor：第一位异或最后一位；parity：所有位的异或</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="216"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="217"/>
        <source>Predict the next character of a short English text.</source>
        <translation>预测一段英文短文的下一个字符。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="220"/>
        <source>characters per window</source>
        <translation>每个窗口的字符数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="222"/>
        <source>fold capitals to lower case (fewer symbols)</source>
        <translation>把大写字母转为小写（符号更少）</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="225"/>
        <source>CSV time series</source>
        <translation>CSV 时间序列</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="227"/>
        <source>Predict the next value of a numeric column of your CSV file from the previous ones.</source>
        <translation>根据 CSV 文件中某个数值列之前的值预测下一个值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="231"/>
        <source>column name or 0-based index; empty = last column</source>
        <translation>列名或从 0 开始的列号；留空 = 最后一列</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="233"/>
        <source>past values per window</source>
        <translation>每个窗口中过去值的个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="235"/>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="237"/>
        <source>Features and a target column from your own CSV file.</source>
        <translation>来自你自己的 CSV 文件的特征列和目标列。</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="240"/>
        <source>target column name or 0-based index; empty = last column</source>
        <translation>目标列的列名或从 0 开始的列号；留空 = 最后一列</translation>
    </message>
    <message>
        <location filename="../../nnsim/data/registry.py" line="243"/>
        <source>auto: classes if the target has text or few whole numbers</source>
        <translation>auto：目标列含文本或只有少数几个整数时按分类处理</translation>
    </message>
</context>
<context>
    <name>Diagnosis</name>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="45"/>
        <source>Lower the learning rate (try 10x smaller), turn on gradient clipping, or use an initialiser with smaller weights (Xavier / He). The weights were restored to what they were before the failing step.</source>
        <extracomment>A layer whose gradient norm is this many times below the top layer&apos;s is &quot;vanishing&quot;. Growth of the gradient norm, within the recent window, that counts as &quot;exploding&quot;. what a layer&apos;s trace holds from the forward pass, and from the backward pass the translation context of the messages (a literal in each call: lupdate needs it)</extracomment>
        <translation>请降低学习率（试试缩小到 1/10）、开启梯度裁剪，或换用初始权重更小的初始化方式（Xavier / He）。权重已恢复为出错那一步之前的值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="49"/>
        <source>Training stopped: the weights &apos;{name}.{param}&apos; are NaN or infinite, so layer &apos;{name}&apos; computes NaN.</source>
        <translation>训练已停止：权重“{name}.{param}”是 NaN 或无穷大，因此层“{name}”的计算结果为 NaN。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="51"/>
        <source>Reset the weights, or set that weight to a finite value.</source>
        <translation>请重置权重，或把该权重设为有限值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="53"/>
        <source>Training stopped: the values of layer &apos;{name}&apos; became NaN or infinite in the forward pass (they grew too large to represent).</source>
        <translation>训练已停止：层“{name}”的值在前向传播中变成了 NaN 或无穷大（数值过大，无法表示）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="56"/>
        <source>Training stopped: the loss became NaN or infinite although the network&apos;s outputs are finite (check the targets of the data set).</source>
        <translation>训练已停止：网络的输出是有限值，损失却变成了 NaN 或无穷大（请检查数据集的目标值）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="59"/>
        <source>Training stopped: the gradient of &apos;{name}.{param}&apos; became NaN or infinite in the backward pass.</source>
        <translation>训练已停止：“{name}.{param}”的梯度在反向传播中变成了 NaN 或无穷大。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="62"/>
        <source>Training stopped: the error term of layer &apos;{name}&apos; became NaN or infinite in the backward pass.</source>
        <translation>训练已停止：层“{name}”的误差项在反向传播中变成了 NaN 或无穷大。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="64"/>
        <source>Training stopped: the gradients are too large to measure (largest {largest}, in layer &apos;{name}&apos;): they exploded.</source>
        <translation>训练已停止：梯度大到无法度量（最大值 {largest}，位于层“{name}”）：发生了梯度爆炸。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="67"/>
        <source>Training stopped: the loss became NaN or infinite.</source>
        <translation>训练已停止：损失变成了 NaN 或无穷大。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="68"/>
        <source>Training stopped: the update made the weights &apos;{name}.{param}&apos; NaN or infinite (the step was too large).</source>
        <translation>训练已停止：这次更新使权重“{name}.{param}”变成了 NaN 或无穷大（步长过大）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="71"/>
        <source>Training stopped: an update made the weights NaN or infinite.</source>
        <translation>训练已停止：一次更新使权重变成了 NaN 或无穷大。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="73"/>
        <source>Vanishing gradients: &apos;{name}&apos; gets a gradient {orders} orders of magnitude smaller than &apos;{top}&apos;, so it barely learns.</source>
        <translation>梯度消失：“{name}”得到的梯度比“{top}”小 {orders} 个数量级，因此几乎学不到东西。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="76"/>
        <source>Use ReLU activations with He initialisation, fewer layers, or a skip connection (Add).</source>
        <translation>请使用 ReLU 激活函数配合 He 初始化、减少层数，或加一条跳跃连接（相加层）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="78"/>
        <source>Exploding gradients: the gradient norm grew from {early} to {late} within the last {steps} steps.</source>
        <translation>梯度爆炸：在最近 {steps} 步内，梯度范数从 {early} 增长到了 {late}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="80"/>
        <source>Lower the learning rate or turn on gradient clipping (e.g. clip norm 1).</source>
        <translation>请降低学习率，或开启梯度裁剪（例如裁剪范数设为 1）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="82"/>
        <source>&apos;{name}&apos;: {share} of its {activation} units are saturated (derivative near 0): their gradients vanish.</source>
        <translation>“{name}”：{share} 的 {activation} 单元处于饱和状态（导数接近 0）：它们的梯度消失了。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/diagnosis.py" line="85"/>
        <source>Use smaller initial weights (Xavier), normalised inputs, or ReLU.</source>
        <translation>请使用更小的初始权重（Xavier）、归一化的输入，或 ReLU。</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <location filename="../../nnsim/ui/document.py" line="215"/>
        <source>Data set: {problem}</source>
        <extracomment>after every change (or batch of changes): the new ``Validation``</extracomment>
        <translation>数据集：{problem}</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="73"/>
        <source>nnsim: something went wrong</source>
        <translation>nnsim：出错了</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="266"/>
        <source>Something went wrong, but nnsim is still running.</source>
        <extracomment>exceptions handled so far</extracomment>
        <translation>出错了，但 nnsim 仍在运行。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="269"/>
        <source>Your work was autosaved.</source>
        <translation>你的工作已自动保存。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="271"/>
        <source>Autosave failed too: save your work with File &gt; Save As.</source>
        <translation>自动保存也失败了：请用“文件 &gt; 另存为”保存你的工作。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="274"/>
        <source>Details are in {0}.</source>
        <translation>详细信息见 {0}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/errors.py" line="277"/>
        <source>The details could not be written to the log.</source>
        <translation>详细信息无法写入日志。</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <location filename="../../nnsim/ui/files.py" line="42"/>
        <source>Activation: relu</source>
        <extracomment>the bundled examples&apos; names (their files keep the English name), marked for translation</extracomment>
        <translation>激活函数：relu</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="43"/>
        <source>Activation: sigmoid</source>
        <translation>激活函数：sigmoid</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="44"/>
        <source>Activation: tanh</source>
        <translation>激活函数：tanh</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="45"/>
        <source>Adding problem, lag 100: LSTM</source>
        <translation>加法问题，间隔 100：LSTM</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="46"/>
        <source>Adding problem, lag 100: SimpleRNN</source>
        <translation>加法问题，间隔 100：SimpleRNN</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="47"/>
        <source>Character-level LSTM</source>
        <translation>字符级 LSTM</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="48"/>
        <source>The cure: deep ReLU with He init</source>
        <translation>解药：深层 ReLU 配合 He 初始化</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="49"/>
        <source>Vanishing gradients: deep sigmoid</source>
        <translation>梯度消失：深层 sigmoid</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="50"/>
        <source>Exploding gradients</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="51"/>
        <source>Exploding gradients, clipped</source>
        <translation>梯度爆炸，已裁剪</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="52"/>
        <source>Adding problem, LSTM with forget bias 0</source>
        <translation>加法问题，遗忘门偏置为 0 的 LSTM</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="53"/>
        <source>Over-fitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="54"/>
        <source>Over-fitting cured by dropout</source>
        <translation>用 Dropout 治好过拟合</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="55"/>
        <source>Two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="56"/>
        <source>XOR</source>
        <translation>异或 (XOR)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="57"/>
        <source>XOR without a hidden layer</source>
        <translation>没有隐藏层的异或 (XOR)</translation>
    </message>
</context>
<context>
    <name>Explanations</name>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="38"/>
        <source>Input layer</source>
        <extracomment>the translation context of every string here (a literal in each call: lupdate needs it)</extracomment>
        <translation>输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="39"/>
        <source>Where the data enters. Its size is the number of features of the data set (2 for the 2-D sets, 64 for the 8x8 digits, time x features for sequences).</source>
        <translation>数据从这里进入网络。它的大小等于数据集的特征数（二维数据集为 2，8x8 手写数字为 64，序列为 时间步 x 特征数）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="42"/>
        <source>Dense (fully connected) layer</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="44"/>
        <source>Every neuron takes the weighted sum of all outputs of the layer before, adds its bias and passes the result through the activation function. W and b start random and are what training learns.</source>
        <translation>每个神经元对上一层所有结点的输出求加权和，加上自己的偏置项，再把结果送入激活函数。W 和 b 从随机值开始，正是训练要学习的参数。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="48"/>
        <source>Activation layer</source>
        <translation>激活层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="49"/>
        <source>Applies a nonlinearity element by element. Without nonlinearities a deep network would be no more than one linear map.</source>
        <translation>对每个元素施加一个非线性函数。没有非线性，再深的网络也只相当于一个线性映射。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="52"/>
        <source>Dropout</source>
        <translation>Dropout（随机失活）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="54"/>
        <source>During training each neuron is dropped at random, so no neuron can rely on particular others: this reduces over-fitting. nnsim scales the kept ones by 1/(1-rate) while training (inverted dropout); the seed&apos;s version instead multiplies by the keep probability at prediction. Both give the same expected output.</source>
        <translation>训练时每个神经元都会被随机丢弃，任何神经元都无法依赖特定的其他神经元，从而降低神经元之间的依赖、减轻过拟合。nnsim 在训练时把保留下来的神经元乘以 1/(1-rate)（inverted dropout）；笔记中的做法则是在预测时乘以保留概率。两者的期望输出相同。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="61"/>
        <source>Simple recurrent layer</source>
        <translation>简单循环层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="63"/>
        <source>The hidden state of one time step is fed into the next, so the network can remember. Back-propagated through time, the gradient is multiplied by W_h and tanh&apos; at every step and fades over long lags: the long-term dependency problem.</source>
        <translation>上一时刻的隐藏状态传入下一时刻，网络因此能够记忆。随时间反向传播时，梯度在每一步都要乘以 W_h 和 tanh&apos;，间隔一长就衰减殆尽：这就是长期依赖问题。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="68"/>
        <source>LSTM (long short-term memory)</source>
        <translation>LSTM（长短期记忆网络）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="70"/>
        <source>A cell state C runs through time, changed only by the gates: the forget gate removes, the input gate adds a tanh candidate, the output gate decides what is shown. Because C_t depends on C_{t-1} through a multiplication by f_t, the gradient survives as long as the forget gate stays open.</source>
        <translation>细胞状态 C 贯穿各个时刻，只由“门”来修改：遗忘门删除信息，输入门添加 tanh 产生的候选值，输出门决定输出哪些部分。由于 C_t 与 C_{t-1} 之间只相差一次与 f_t 的乘法，只要遗忘门保持打开，梯度就能保留下来。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="76"/>
        <source>Add (merge)</source>
        <translation>相加（合并）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="77"/>
        <source>Adds inputs of the same shape. Used for skip connections, which give the gradient a short path back to early layers.</source>
        <translation>把形状相同的输入相加。用于跳跃连接，为梯度提供一条回到前面各层的捷径。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="80"/>
        <source>Concatenate (merge)</source>
        <translation>拼接（合并）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="82"/>
        <source>Joins inputs side by side along the feature axis.</source>
        <translation>沿特征轴把各个输入并排拼接起来。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="83"/>
        <source>Output and loss</source>
        <translation>输出与损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="84"/>
        <source>Compares the prediction with the truth. Its gradient starts backpropagation. Cross-entropy applies softmax and binary cross-entropy applies sigmoid itself, so the layer before it stays linear.</source>
        <translation>把预测值与真实值进行比较，它的梯度是反向传播的起点。交叉熵自带 softmax，二元交叉熵自带 sigmoid，因此它前面的一层应保持线性。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="89"/>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="91"/>
        <source>Squashes to (0, 1). Its derivative is at most 1/4, so each sigmoid layer shrinks the error term by 4x or more: deep sigmoid networks suffer vanishing gradients.</source>
        <translation>把值压缩到 (0, 1)。它的导数最大为 1/4，所以每经过一个 sigmoid 层，误差项至少缩小为 1/4：深层 sigmoid 网络会出现梯度消失。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="95"/>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="97"/>
        <source>Squashes to (-1, 1), centred at 0. Saturates for large |z|, where the derivative is nearly 0.</source>
        <translation>把值压缩到 (-1, 1)，以 0 为中心。|z| 较大时会饱和，此时导数几乎为 0。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="99"/>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="101"/>
        <source>Passes positive values unchanged: the gradient of an active unit is not shrunk, so deep ReLU networks train well (with He initialisation). A unit that is never active is &apos;dead&apos;.</source>
        <translation>正值原样通过：处于激活状态的单元的梯度不会缩小，因此深层 ReLU 网络（配合 He 初始化）训练效果好。从不激活的单元就“死”了。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="105"/>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="107"/>
        <source>Like ReLU, but negative inputs keep a small slope so no unit dies.</source>
        <translation>与 ReLU 类似，但负输入保留一个小斜率，因此不会有单元“死掉”。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="109"/>
        <source>Softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="111"/>
        <source>Turns a vector of scores into probabilities that sum to 1.</source>
        <translation>把一组分数变成总和为 1 的概率。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="113"/>
        <source>Linear (none)</source>
        <translation>线性（无激活）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="114"/>
        <source>No nonlinearity: used before a loss that applies its own.</source>
        <translation>不做非线性变换：用在自带非线性的损失函数之前。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="117"/>
        <source>Forget gate</source>
        <translation>遗忘门</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="119"/>
        <source>Decides what to throw away from the cell state: 1 keeps everything, 0 forgets. A forget bias of 1 starts it open, which is why LSTMs learn long lags.</source>
        <translation>决定从细胞状态中丢弃什么信息：1 表示全部保留，0 表示全部遗忘。遗忘门偏置设为 1 会让它一开始就处于打开状态，这正是 LSTM 能学会长间隔依赖的原因。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="122"/>
        <source>Input gate</source>
        <translation>输入门</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="124"/>
        <source>Decides which values of the candidate are written into the cell state.</source>
        <translation>决定把候选值中的哪些值写入细胞状态。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="126"/>
        <source>Candidate values</source>
        <translation>候选值</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="128"/>
        <source>New information that could be added to the cell state, in (-1, 1).</source>
        <translation>可能加入细胞状态的新信息，取值在 (-1, 1) 之间。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="130"/>
        <source>Output gate</source>
        <translation>输出门</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="132"/>
        <source>Decides which part of tanh(C_t) becomes the hidden state h_t.</source>
        <translation>决定 tanh(C_t) 的哪一部分成为隐藏状态 h_t。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="134"/>
        <source>Cell state</source>
        <translation>细胞状态</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="136"/>
        <source>The LSTM&apos;s memory: a conveyor belt through time, changed only by the gates.</source>
        <translation>LSTM 的记忆：一条贯穿时间的传送带，只由各个门来修改。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="139"/>
        <source>Mean squared error</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="141"/>
        <source>For regression: the average squared distance between prediction and truth.</source>
        <translation>用于回归：预测值与真实值之差的平方的平均值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="143"/>
        <source>Softmax cross-entropy</source>
        <translation>Softmax 交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="145"/>
        <source>For classification: small when the true class gets a high probability. Fused with softmax, its gradient is simply prediction minus truth.</source>
        <translation>用于分类：真实类别得到的概率越高，损失越小。与 softmax 合在一起时，它的梯度就是预测值减去真实值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="148"/>
        <source>Binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="150"/>
        <source>For two classes with one output unit: s(z) is the probability of class 1.</source>
        <translation>用于只有一个输出单元的二分类：s(z) 是类别 1 的概率。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="153"/>
        <source>Gradient descent (SGD)</source>
        <translation>梯度下降（SGD）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="155"/>
        <source>Moves every weight a little against its gradient, one mini-batch at a time.</source>
        <translation>每次用一个小批量，把每个权重沿梯度的反方向移动一小步。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="157"/>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="159"/>
        <source>Keeps a running velocity, which speeds up slow, consistent descent.</source>
        <translation>保留一个累积的速度，让缓慢而方向一致的下降变快。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="161"/>
        <source>Nesterov momentum</source>
        <translation>Nesterov 动量法</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="163"/>
        <source>Momentum that corrects its step by looking ahead.</source>
        <translation>先向前看一步再修正步长的动量法。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="164"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="166"/>
        <source>Divides each weight&apos;s step by the recent size of its gradient.</source>
        <translation>把每个权重的步长除以它最近的梯度大小。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="168"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="170"/>
        <source>Momentum and RMS scaling together: a robust default.</source>
        <translation>动量与 RMS 缩放相结合：稳健的默认选择。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="172"/>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="174"/>
        <source>The error term delta of each layer is the error of the layer above, sent back through its weights and multiplied by the derivative of this layer&apos;s activation. The gradients of W and b follow from delta directly.</source>
        <translation>每一层的误差项 delta，等于上一层的误差项经由其权重传回来，再乘以本层激活函数的导数：这就是误差的反向传播。W 和 b 的梯度可以直接由 delta 得到。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="179"/>
        <source>Vanishing and exploding gradients</source>
        <translation>梯度消失与梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="182"/>
        <source>delta is multiplied by a weight matrix and a derivative at every layer. If those factors are below 1 the gradient vanishes and early layers stop learning; above 1 it explodes. Cures: ReLU, He/Xavier initialisation, gradient clipping, LSTMs for sequences.</source>
        <translation>每经过一层，delta 都要乘以一个权重矩阵和一个导数。这些因子小于 1 时梯度消失，前面的层不再学习；大于 1 时梯度爆炸。对策：ReLU、He/Xavier 初始化、梯度裁剪，序列任务用 LSTM。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="188"/>
        <source>Over-fitting</source>
        <translation>过拟合</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="190"/>
        <source>The network memorises the training samples, noise included, instead of the pattern. Cures: more data, a smaller network, dropout, weight decay.</source>
        <translation>网络记住了训练样本（连同其中的噪声），而不是学到规律。对策：更多数据、更小的网络、Dropout、权重衰减。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="194"/>
        <source>Loss and accuracy</source>
        <translation>损失与准确率</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="195"/>
        <source>Is it learning? Training loss per step and validation loss and accuracy. A gap between them that grows means over-fitting.</source>
        <translation>网络在学习吗？每一步的训练损失，以及验证损失和准确率。两者之间的差距不断扩大，就说明出现了过拟合。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="198"/>
        <source>Weight heatmaps</source>
        <translation>权重热力图</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="199"/>
        <source>Each layer&apos;s W as an image: red positive, blue negative. Watch structure appear as the network learns.</source>
        <translation>把每层的 W 画成一幅图：红色为正，蓝色为负。看着网络学习时结构逐渐浮现。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="202"/>
        <source>Gradient health</source>
        <translation>梯度健康</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="203"/>
        <source>Which layer stopped learning? The gradient norm of every layer on a log scale; the shaded bands mark vanishing and exploding.</source>
        <translation>哪一层停止学习了？以对数刻度显示每层的梯度范数；阴影带标出梯度消失和梯度爆炸的区域。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="206"/>
        <source>Gradient through time</source>
        <translation>随时间传播的梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="207"/>
        <source>How much gradient reaches each time step: in a simple RNN it fades going back in time; in an LSTM it survives.</source>
        <translation>有多少梯度到达每个时间步：在简单 RNN 中，梯度沿时间回传时逐渐消失；在 LSTM 中则能保留下来。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="210"/>
        <source>LSTM gates</source>
        <translation>LSTM 门</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="211"/>
        <source>What is the forget gate doing? Each gate&apos;s value for every unit and time step of the probe sequence.</source>
        <translation>遗忘门在做什么？探测序列的每个时间步上，每个单元各个门的取值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="213"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="214"/>
        <source>What the network predicts: the decision surface, the fitted curve, the predicted sequence or generated text.</source>
        <translation>网络的预测：决策面、拟合曲线、预测的序列或生成的文本。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="217"/>
        <source>Neuron view</source>
        <translation>神经元视图</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/explanations.py" line="218"/>
        <source>The network as in the notes: neurons coloured by activation, connections by the sign and size of their weight.</source>
        <translation>像笔记中那样画出网络：神经元按激活值着色，连接线按权重的正负和大小着色。</translation>
    </message>
</context>
<context>
    <name>Factor</name>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="47"/>
        <source>layer input</source>
        <extracomment>what each array is, in words (shown under its name; each text a literal: lupdate reads them)</extracomment>
        <translation>层的输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="48"/>
        <source>weighted sum</source>
        <translation>加权和</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="49"/>
        <source>activation</source>
        <translation>激活值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="50"/>
        <source>W^T delta from above</source>
        <translation>上一层传回的 W^T delta</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="51"/>
        <source>slope of f</source>
        <translation>f 的斜率</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="52"/>
        <source>error term</source>
        <translation>误差项</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="53"/>
        <source>prediction</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="54"/>
        <source>truth</source>
        <translation>真实值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="55"/>
        <source>backprop starts</source>
        <translation>反向传播从这里开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="56"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="57"/>
        <source>gradient in</source>
        <translation>传入的梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="58"/>
        <source>reaching h_t</source>
        <translation>到达 h_t 的梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="59"/>
        <source>1 = keep</source>
        <translation>1 = 保留</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="60"/>
        <source>on the cell</source>
        <translation>细胞状态上的梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="61"/>
        <source>slope at t</source>
        <translation>t 处的斜率</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="214"/>
        <source>gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="215"/>
        <source>step applied</source>
        <translation>实际更新量</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="239"/>
        <source>{0} values, max |v| {1:.3g}</source>
        <translation>{0} 个值，最大 |v| {1:.3g}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="270"/>
        <source>first {0} of {1} samples</source>
        <translation>{1} 个样本中的前 {0} 个</translation>
    </message>
</context>
<context>
    <name>FileController</name>
    <message>
        <location filename="../../nnsim/ui/files.py" line="215"/>
        <source>{0} (example)</source>
        <extracomment>the path (or &quot;&quot; for an unsaved document) or the document&apos;s title changed a short message for the status bar</extracomment>
        <translation>{0}（示例）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="216"/>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="244"/>
        <source>New project: add layers between Input and Output</source>
        <translation>新项目：在输入和输出之间添加层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="264"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="265"/>
        <source>Not opened: {0}</source>
        <translation>未打开：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="274"/>
        <source>Opened {0}</source>
        <translation>已打开 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="284"/>
        <source>Cannot open the example</source>
        <translation>无法打开示例</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="287"/>
        <source>Example “{0}” opened</source>
        <translation>已打开示例“{0}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="311"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="321"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="355"/>
        <source>Autosave failed: {0}</source>
        <translation>自动保存失败：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="393"/>
        <source>{0} at {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="394"/>
        <source>Unsaved changes to “{0}” were kept ({1}).</source>
        <translation>对“{0}”的未保存修改已保留（{1}）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="408"/>
        <source>Unsaved work restored</source>
        <translation>已恢复未保存的工作</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <location filename="../../nnsim/ui/files.py" line="67"/>
        <source>nnsim projects (*.json);;All files (*)</source>
        <translation>nnsim 项目 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="124"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="125"/>
        <source>Save the changes to “{0}”?</source>
        <translation>保存对“{0}”的修改吗？</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="126"/>
        <source>Your changes will be lost if you don&apos;t save them.</source>
        <translation>如果不保存，你的修改将会丢失。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="140"/>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作吗？</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="141"/>
        <source>nnsim did not close properly last time.</source>
        <translation>nnsim 上次没有正常关闭。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="143"/>
        <source>Restore it?</source>
        <translation>要恢复吗？</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="144"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="146"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="159"/>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/files.py" line="165"/>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
</context>
<context>
    <name>GatesPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="37"/>
        <source>LSTM gates</source>
        <translation>LSTM 门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="38"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="48"/>
        <source>forget gate f&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>遗忘门 f&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="49"/>
        <source>input gate i&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>输入门 i&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="50"/>
        <source>output gate o&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>输出门 o&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="51"/>
        <source>candidate C&amp;#771;&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>候选值 C&amp;#771;&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="52"/>
        <source>cell state C&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>细胞状态 C&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="53"/>
        <source>hidden state h&lt;sub&gt;t&lt;/sub&gt;</source>
        <translation>隐藏状态 h&lt;sub&gt;t&lt;/sub&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="56"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="57"/>
        <location filename="../../nnsim/ui/panels/gates.py" line="59"/>
        <source>probe sequence (input x&lt;sub&gt;t&lt;/sub&gt;)</source>
        <translation>探测序列（输入 x&lt;sub&gt;t&lt;/sub&gt;）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="69"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="73"/>
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="82"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="82"/>
        <source>saturated (%)</source>
        <translation>饱和比例 (%)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="83"/>
        <source>saturated gates: values &amp;lt; {0} or &amp;gt; {1} on the probe sequence</source>
        <translation>饱和的门：探测序列上取值 &amp;lt; {0} 或 &amp;gt; {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="88"/>
        <source>forget gate</source>
        <translation>遗忘门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="88"/>
        <source>input gate</source>
        <translation>输入门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="89"/>
        <source>output gate</source>
        <translation>输出门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="102"/>
        <source>LSTM gates appear when the network has an LSTM layer (a SimpleRNN shows its hidden state here).</source>
        <translation>网络中有 LSTM 层时，这里显示 LSTM 的各个门（SimpleRNN 在这里显示它的隐藏状态）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="188"/>
        <source>mean forget gate {0:.2f}</source>
        <translation>遗忘门均值 {0:.2f}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gates.py" line="191"/>
        <source>SimpleRNN: no gates, hidden state only</source>
        <translation>SimpleRNN：没有门，只有隐藏状态</translation>
    </message>
</context>
<context>
    <name>GradientsPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="38"/>
        <source>Gradient health</source>
        <translation>梯度健康</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="52"/>
        <location filename="../../nnsim/ui/panels/gradients.py" line="75"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="53"/>
        <source>gradient norm ||dL/dθ||</source>
        <translation>梯度范数 ||dL/dθ||</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="66"/>
        <location filename="../../nnsim/ui/panels/gradients.py" line="231"/>
        <source>vanishing</source>
        <translation>梯度消失</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="68"/>
        <location filename="../../nnsim/ui/panels/gradients.py" line="232"/>
        <source>exploding</source>
        <translation>梯度爆炸</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="76"/>
        <source>update / weight ||Δθ||/||θ||</source>
        <translation>更新量 / 权重 ||Δθ||/||θ||</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="84"/>
        <source>healthy ≈ 1e-3</source>
        <translation>健康值 ≈ 1e-3</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="101"/>
        <source>Gradient health appears when the network has a layer with weights.</source>
        <translation>网络中有带权重的层时，这里显示梯度健康状况。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="163"/>
        <source>global norm {0:.3g}  ·  step {1:,}</source>
        <translation>全局范数 {0:.3g}  ·  第 {1:,} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="231"/>
        <source>NaN</source>
        <translation>非数值 (NaN)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/gradients.py" line="232"/>
        <source>saturation</source>
        <translation>饱和</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="18"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="19"/>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="20"/>
        <source>LSTM gates</source>
        <translation>LSTM 门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="21"/>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="22"/>
        <source>Optimisers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="23"/>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="24"/>
        <source>Plots</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="94"/>
        <source>All topics</source>
        <extracomment>what else to offer beside a topic the first topic shown, after every change</extracomment>
        <translation>所有主题</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="112"/>
        <source>Select a layer on the canvas or click a plot to see what it does.</source>
        <translation>在画布上选中一个层，或点击一个图表，即可查看它的作用。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="138"/>
        <source>See also:</source>
        <translation>另见：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/help_panel.py" line="154"/>
        <source>Layer &apos;{0}&apos; on the canvas</source>
        <translation>画布上的层“{0}”</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="482"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="485"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>LayerSection</name>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="240"/>
        <location filename="../../nnsim/ui/inspector.py" line="274"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="276"/>
        <source>{0} layers selected.</source>
        <translation>已选中 {0} 个层。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="277"/>
        <source>Select a layer on the canvas to edit it.</source>
        <translation>在画布上选中一个层即可编辑它。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="289"/>
        <source>Unknown layer type</source>
        <translation>未知的层类型</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="298"/>
        <source>No parameters.</source>
        <translation>没有参数。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/inspector.py" line="318"/>
        <source>Output shape {0}</source>
        <translation>输出形状 {0}</translation>
    </message>
</context>
<context>
    <name>LayerTypes</name>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="163"/>
        <source>Input / output</source>
        <translation>输入 / 输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="164"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="165"/>
        <source>Recurrent</source>
        <translation>循环层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="166"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="172"/>
        <source>Input</source>
        <translation>输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="173"/>
        <source>The data set&apos;s features enter here; its shape comes from the data set.</source>
        <translation>数据集的特征从这里进入网络；它的形状由数据集决定。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="178"/>
        <source>Dense</source>
        <translation>全连接层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="179"/>
        <source>Fully connected layer: every output is the weighted sum of all inputs plus a bias, passed through the activation.</source>
        <translation>全连接层：每个输出都是所有输入的加权和加上偏置项，再经过激活函数。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="194"/>
        <source>Activation</source>
        <translation>激活层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="195"/>
        <source>Applies an activation function element by element.</source>
        <translation>对每个元素施加激活函数。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="201"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="202"/>
        <source>During training each unit is dropped with probability &apos;rate&apos; (the rest are scaled by 1/(1-rate)); at prediction every unit is used. Reduces over-fitting.</source>
        <translation>训练时每个单元以概率 rate 被丢弃（其余单元乘以 1/(1-rate)）；预测时所有单元都参与。用于减轻过拟合。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="213"/>
        <source>Simple RNN</source>
        <translation>简单 RNN</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="214"/>
        <source>A tanh recurrent layer: the hidden state of the previous step feeds the next.</source>
        <translation>tanh 循环层：上一时刻的隐藏状态传入下一时刻。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="220"/>
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="221"/>
        <source>Long short-term memory: a cell state C guarded by forget, input and output gates carries information over long time lags.</source>
        <translation>长短期记忆：由遗忘门、输入门和输出门把守的细胞状态 C，能把信息传过很长的时间间隔。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="238"/>
        <source>Add</source>
        <translation>相加</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="239"/>
        <source>Adds two or more inputs of the same shape element by element (a skip connection).</source>
        <translation>把两个或更多形状相同的输入逐元素相加（跳跃连接）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="244"/>
        <source>Concatenate</source>
        <translation>拼接</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="245"/>
        <source>Joins two or more inputs along the feature axis.</source>
        <translation>沿特征轴拼接两个或更多输入。</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="249"/>
        <source>Output / loss</source>
        <translation>输出 / 损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="250"/>
        <source>Compares the network&apos;s output with the target. Cross-entropy applies softmax itself, binary cross-entropy applies sigmoid: the layer before stays linear.</source>
        <translation>把网络的输出与目标值比较。交叉熵自带 softmax，二元交叉熵自带 sigmoid：它前面的一层应保持线性。</translation>
    </message>
</context>
<context>
    <name>LessonCard</name>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="73"/>
        <source>▶ Train / pause</source>
        <extracomment>the user asked to open project ``index`` of the lesson train / pause the open project race the lesson&apos;s two projects</extracomment>
        <translation>▶ 训练 / 暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="74"/>
        <source>Train the open project (F5)</source>
        <translation>训练当前打开的项目 (F5)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="76"/>
        <source>Race the two side by side…</source>
        <translation>让两者并排赛跑…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="77"/>
        <source>Train both projects at the same time on the same data</source>
        <translation>在同样的数据上同时训练两个项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="111"/>
        <source>Choose a lesson from the &lt;b&gt;Learn ▸ Lessons&lt;/b&gt; menu.</source>
        <translation>从&lt;b&gt;学习 ▸ 课程&lt;/b&gt;菜单中选择一节课。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="116"/>
        <source>Try</source>
        <translation>动手试试</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="116"/>
        <source>Watch</source>
        <translation>注意观察</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="116"/>
        <source>Projects of this lesson</source>
        <translation>本课的项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="117"/>
        <source>&lt;b&gt;What it shows&lt;/b&gt; (after {0} steps each, as shipped):</source>
        <translation>&lt;b&gt;它说明了什么&lt;/b&gt;（按发布时的设置各训练 {0} 步后）：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="146"/>
        <source>✔ “{0}” is open</source>
        <translation>✔ 已打开“{0}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/lessons.py" line="147"/>
        <source>Open “{0}”</source>
        <translation>打开“{0}”</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="166"/>
        <source>XOR needs a hidden layer</source>
        <extracomment>the translation context of every string here (a literal in each call: lupdate needs it) the measured numbers, by name one sentence: what was measured against what was promised example projects (file stems in resources/examples), opened first to last dashboard panels to show, by panel id steps each project trains for when the effect is measured</extracomment>
        <translation>异或需要隐藏层</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="168"/>
        <source>XOR puts class 1 in two opposite quadrants. One layer draws one straight line, which cannot separate them.</source>
        <translation>异或把类别 1 放在两个相对的象限里。单层网络只能画出一条直线，无法把它们分开。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="170"/>
        <source>Train &apos;XOR without a hidden layer&apos; and watch the accuracy stall near 50-75%.</source>
        <translation>训练“没有隐藏层的异或 (XOR)”，看准确率停在 50-75% 附近。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="172"/>
        <source>Open &apos;XOR&apos;: a hidden layer of 4 tanh units. Train it.</source>
        <translation>打开“异或 (XOR)”：一个有 4 个 tanh 单元的隐藏层。训练它。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="173"/>
        <source>The decision surface: a straight edge, then a bent one.</source>
        <translation>决策面：先是一条直线边界，然后变成弯曲的边界。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="174"/>
        <source>Without a hidden layer accuracy stays at most 80%; with one it reaches 100%.</source>
        <translation>没有隐藏层时准确率最多 80%；有了隐藏层就能达到 100%。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="178"/>
        <source>Activation functions compared</source>
        <translation>激活函数对比</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="180"/>
        <source>The same network, data, seed and optimiser with sigmoid, tanh or ReLU.</source>
        <translation>同样的网络、数据、随机种子和优化器，分别使用 sigmoid、tanh 或 ReLU。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="182"/>
        <source>Train each and compare the loss curves (Compare runs overlays them).</source>
        <translation>分别训练，比较它们的损失曲线（“比较运行”会把曲线叠在一起）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="184"/>
        <source>Sigmoid barely moves: its derivative is at most 1/4 and its output is not centred at 0.</source>
        <translation>sigmoid 几乎不动：它的导数最大只有 1/4，输出也不以 0 为中心。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="186"/>
        <source>After 800 steps the sigmoid net&apos;s loss is more than 5x that of tanh or ReLU.</source>
        <translation>800 步之后，sigmoid 网络的损失是 tanh 或 ReLU 的 5 倍以上。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="190"/>
        <source>Vanishing gradients and the cure</source>
        <translation>梯度消失及其对策</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="193"/>
        <source>Backprop multiplies the error term by W^T and f&apos;(z) at every layer. With sigmoid (f&apos; &lt;= 1/4) eight layers shrink it by orders of magnitude.</source>
        <translation>反向传播在每一层都把误差项乘以 W^T 和 f&apos;(z)。用 sigmoid（f&apos; &lt;= 1/4）时，经过八层它会缩小好几个数量级。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="196"/>
        <source>Train the deep sigmoid net; open Gradient health.</source>
        <translation>训练深层 sigmoid 网络；打开“梯度健康”图。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="197"/>
        <source>Then train the ReLU + He version.</source>
        <translation>再训练 ReLU + He 初始化的版本。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="198"/>
        <source>The first layers&apos; gradient norms lie in the vanishing band; with ReLU they sit together with the last layer&apos;s.</source>
        <translation>前几层的梯度范数落在梯度消失带里；换成 ReLU 后，它们与最后一层的梯度范数处在同一水平。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="200"/>
        <source>Sigmoid: first-layer gradient &lt; 1/1000 of the last layer&apos;s. ReLU + He: &gt; 1/100.</source>
        <translation>sigmoid：第一层的梯度不到最后一层的 1/1000。ReLU + He：大于 1/100。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="204"/>
        <source>Exploding gradients and clipping</source>
        <translation>梯度爆炸与梯度裁剪</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="207"/>
        <source>Weights that are too large multiply the error at every layer, so the gradient explodes and one step throws the weights into overflow.</source>
        <translation>过大的权重在每一层都放大误差，于是梯度爆炸，一步更新就让权重溢出。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="210"/>
        <source>Train &apos;Exploding gradients&apos;: training stops with a NaN message naming the layer.</source>
        <translation>训练“梯度爆炸”：训练会停下，并给出指明出错层的 NaN 提示。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="212"/>
        <source>Train the clipped version: the same network with clip norm 1.</source>
        <translation>训练裁剪后的版本：同一个网络，裁剪范数为 1。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="214"/>
        <source>The gradient norm curve, and the warning on the canvas.</source>
        <translation>梯度范数曲线，以及画布上的警告。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="215"/>
        <source>Without clipping training diverges; with clipping the loss falls by 10x or more.</source>
        <translation>不裁剪时训练发散；裁剪后损失下降到原来的 1/10 以下。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="219"/>
        <source>Over-fitting and dropout</source>
        <translation>过拟合与 Dropout</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="222"/>
        <source>A big network on 50 noisy points can memorise them.</source>
        <translation>一个大网络面对 50 个带噪声的点，能把它们全部记住。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="223"/>
        <source>Train &apos;Over-fitting&apos; and watch validation loss climb while training loss falls.</source>
        <translation>训练“过拟合”，看训练损失下降的同时验证损失不断上升。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="225"/>
        <source>Train the dropout version.</source>
        <translation>训练加了 Dropout 的版本。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="226"/>
        <source>The gap between the training and validation curves; the wiggly decision surface.</source>
        <translation>训练曲线与验证曲线之间的差距；弯弯曲曲的决策面。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="228"/>
        <source>Dropout ends with a lower validation loss and a smaller train/validation gap.</source>
        <translation>加了 Dropout 后，最终的验证损失更低，训练与验证之间的差距更小。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="232"/>
        <source>RNN versus LSTM on a long lag</source>
        <translation>长间隔下的 RNN 与 LSTM</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="235"/>
        <source>The adding problem: remember two numbers marked somewhere in 100 steps and output their sum. The long-term dependency problem in its purest form.</source>
        <translation>加法问题：记住 100 步中某两处标记的数，并输出它们的和。这是最纯粹的长期依赖问题。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="238"/>
        <source>Race the two projects (Compare runs).</source>
        <translation>让两个项目赛跑（比较运行）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="239"/>
        <source>Gradient through time: the RNN&apos;s gradient dies out going back in time; the LSTM&apos;s survives.</source>
        <translation>随时间传播的梯度：RNN 的梯度沿时间回传时逐渐消失；LSTM 的梯度则保留了下来。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="241"/>
        <source>The RNN stays at the trivial baseline; the LSTM gets below a quarter of it.</source>
        <translation>RNN 停留在平凡基线的水平；LSTM 则降到基线的四分之一以下。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="245"/>
        <source>The forget gate at work</source>
        <translation>遗忘门如何工作</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="248"/>
        <source>C_t = f_t C_{t-1} + i_t C~_t: the forget gate decides how much memory, and gradient, survives each step.</source>
        <translation>C_t = f_t C_{t-1} + i_t C~_t：遗忘门决定每一步保留多少记忆，以及多少梯度。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="250"/>
        <source>Train the LSTM and open LSTM gates: the forget row stays bright (open).</source>
        <translation>训练 LSTM 并打开“LSTM 门”图：遗忘门那一行保持明亮（打开）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="252"/>
        <source>Train the version with forget bias 0 and compare.</source>
        <translation>训练遗忘门偏置为 0 的版本并比较。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="253"/>
        <source>The input gate opens only at the two marked steps.</source>
        <translation>输入门只在两个被标记的时间步打开。</translation>
    </message>
    <message>
        <location filename="../../nnsim/training/lessons.py" line="254"/>
        <source>The trained forget gate stays open (mean &gt; 0.6) and forget bias 1 learns faster than 0.</source>
        <translation>训练后的遗忘门保持打开（均值 &gt; 0.6），遗忘门偏置为 1 比为 0 学得更快。</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="28"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="29"/>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="30"/>
        <source>MSE</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="39"/>
        <source>Loss &amp; metrics</source>
        <translation>损失与指标</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="40"/>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="41"/>
        <source>Logarithmic loss axis: shows progress when the loss is already small</source>
        <translation>损失轴使用对数刻度：损失已经很小时也能看出进展</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="45"/>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="50"/>
        <source>Exponential moving average of the training loss (0 = raw)</source>
        <translation>训练损失的指数移动平均（0 = 原始值）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="64"/>
        <location filename="../../nnsim/ui/panels/loss.py" line="83"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="64"/>
        <location filename="../../nnsim/ui/panels/loss.py" line="128"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="68"/>
        <source>training (smoothed)</source>
        <translation>训练（平滑后）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="70"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="72"/>
        <source>per batch (raw)</source>
        <translation>每个批次（原始值）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="77"/>
        <source>predicting the mean</source>
        <translation>预测均值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="83"/>
        <source>accuracy (%)</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="90"/>
        <source>chance</source>
        <translation>随机水平</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="127"/>
        <source>loss ({0})</source>
        <translation>损失（{0}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="153"/>
        <source>chance: always the commonest class</source>
        <translation>随机水平：总是预测最常见的类别</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="158"/>
        <source>baseline: always predicting the mean</source>
        <translation>基线：总是预测均值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="195"/>
        <source>step {0:,}</source>
        <translation>第 {0:,} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="198"/>
        <source>loss {0:.4g}</source>
        <translation>损失 {0:.4g}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="200"/>
        <source>val {0:.4g}</source>
        <translation>验证 {0:.4g}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/loss.py" line="202"/>
        <source>val acc {0:.1f}%</source>
        <translation>验证准确率 {0:.1f}%</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="121"/>
        <source>Layers</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="123"/>
        <source>Inspector</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="167"/>
        <source>The plots could not follow the change: {0}</source>
        <translation>图表无法跟上这次修改：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="194"/>
        <source>The plots are not available: {0}</source>
        <translation>图表不可用：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="243"/>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="244"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="245"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="246"/>
        <source>Open a project file</source>
        <translation>打开项目文件</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="247"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="248"/>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="249"/>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="250"/>
        <source>Save the project under a new name</source>
        <translation>以新名称保存项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="251"/>
        <source>&amp;Export to PyTorch…</source>
        <translation>导出为 PyTorch 脚本(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="252"/>
        <source>Write the network and its trained weights as a PyTorch script</source>
        <translation>把网络和训练好的权重写成一个 PyTorch 脚本</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="254"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="255"/>
        <source>Quit nnsim</source>
        <translation>退出 nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="256"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="259"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="262"/>
        <source>Cu&amp;t</source>
        <translation>剪切(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="263"/>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="264"/>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="265"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="267"/>
        <source>Delete the selected layers and links</source>
        <translation>删除选中的层和连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="268"/>
        <source>Select &amp;All</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="269"/>
        <source>Pr&amp;eferences…</source>
        <translation>首选项(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="270"/>
        <source>&amp;Fit to Window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="271"/>
        <source>Show the whole network</source>
        <translation>显示整个网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="272"/>
        <source>&amp;Tidy Layout</source>
        <translation>整理布局(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="273"/>
        <source>Arrange the layers left to right</source>
        <translation>把各层从左到右排列整齐</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="274"/>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="275"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="276"/>
        <source>Zoom &amp;Out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="277"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="278"/>
        <location filename="../../nnsim/ui/main_window.py" line="332"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="280"/>
        <source>Train the network / pause</source>
        <translation>训练网络 / 暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="281"/>
        <source>&amp;Step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="282"/>
        <source>Train one mini-batch step, then pause</source>
        <translation>训练一个小批量步，然后暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="283"/>
        <source>&amp;Reset Weights</source>
        <translation>重置权重(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="284"/>
        <source>New random weights; training starts again from step 0</source>
        <translation>重新随机生成权重；训练从第 0 步重新开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="286"/>
        <source>&amp;About nnsim</source>
        <translation>关于 nnsim(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="293"/>
        <source>Training is not available in this installation</source>
        <translation>此安装中无法进行训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="297"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="299"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="300"/>
        <source>&amp;Examples</source>
        <translation>示例(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="312"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="321"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="327"/>
        <source>&amp;Plots</source>
        <translation>图表(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="335"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="339"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="445"/>
        <source>{0}[*] — nnsim</source>
        <translation>{0}[*] — nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="459"/>
        <source>Clear Menu</source>
        <translation>清空菜单</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="495"/>
        <source>About nnsim</source>
        <translation>关于 nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="497"/>
        <source>&lt;p&gt;A neural-network simulator: draw a network, train it with nnsim&apos;s own NumPy engine and watch it learn.&lt;/p&gt;&lt;p&gt;Drag layers from the palette, connect an output port to an input port, press &lt;b&gt;Train&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;神经网络模拟器：画出一个网络，用 nnsim 自带的 NumPy 引擎训练它，看着它学习。&lt;/p&gt;&lt;p&gt;从层面板中拖出各层，把输出端口连到输入端口，然后按&lt;b&gt;训练&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="507"/>
        <source>1 parameter</source>
        <translation>1 个参数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="508"/>
        <source>{0} parameters</source>
        <translation>{0} 个参数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="509"/>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="511"/>
        <source>The network is ready to train</source>
        <translation>网络已经可以训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="514"/>
        <source>1 problem</source>
        <translation>1 个问题</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="514"/>
        <source>{0} problems</source>
        <translation>{0} 个问题</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="531"/>
        <source>The network changed: press Train to start again</source>
        <translation>网络已修改：按“训练”重新开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="536"/>
        <source>The network changed: training restarted</source>
        <translation>网络已修改：训练已重新开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="562"/>
        <source>Cannot train: {0}</source>
        <translation>无法训练：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="563"/>
        <source>The network cannot be trained yet</source>
        <translation>网络还不能训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="564"/>
        <source>Fix these first (they are marked in red on the canvas):

{0}</source>
        <translation>请先修正以下问题（它们在画布上以红色标出）：

{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="614"/>
        <source>Weights reset</source>
        <translation>权重已重置</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="622"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="623"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="623"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="625"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="625"/>
        <location filename="../../nnsim/ui/main_window.py" line="667"/>
        <source>Training</source>
        <translation>训练中</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="626"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="626"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="627"/>
        <source>Diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="627"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="639"/>
        <source>{0} / {1} steps</source>
        <translation>{0} / {1} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="642"/>
        <source>{0} steps</source>
        <translation>{0} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="645"/>
        <source>epoch {0}</source>
        <translation>第 {0} 轮</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="647"/>
        <source>{0} steps/s</source>
        <translation>{0} 步/秒</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="650"/>
        <source>{0} left</source>
        <translation>剩余 {0}</translation>
    </message>
</context>
<context>
    <name>NeuronsPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="38"/>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="39"/>
        <source>activations for one training sample</source>
        <translation>一个训练样本的激活值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="70"/>
        <source>The neuron view appears for small networks of dense layers.</source>
        <extracomment>per column (input first): RGBA colours of its neurons and the dropped mask, last draw</extracomment>
        <translation>神经元视图适用于由全连接层组成的小型网络。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="78"/>
        <source>The neuron view draws plain stacks of dense layers; this network has a {0} layer. The weight and gradient panels show every layer.</source>
        <translation>神经元视图只画由全连接层简单堆叠的网络；这个网络含有 {0} 层。权重和梯度面板会显示所有的层。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="83"/>
        <source>The neuron view appears when the network has dense layers.</source>
        <translation>网络中有全连接层时，这里显示神经元视图。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="85"/>
        <source>The neuron view fits networks of up to {0} dense layers; this one has {1}.</source>
        <translation>神经元视图最多容纳 {0} 个全连接层；这个网络有 {1} 个。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="89"/>
        <source>The neuron view fits layers of up to {0} units; &apos;{1}&apos; has {2}. The weight heatmaps show every weight.</source>
        <translation>神经元视图中每层最多容纳 {0} 个单元；“{1}”有 {2} 个。权重热力图会显示所有权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="99"/>
        <source>The neuron view draws plain stacks of layers; this network has a merge (Add / Concatenate).</source>
        <translation>神经元视图只画简单堆叠的层；这个网络含有合并层（相加 / 拼接）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="109"/>
        <source>The neuron view draws networks on plain feature vectors, not sequences.</source>
        <translation>神经元视图只画以普通特征向量为输入的网络，不支持序列。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="112"/>
        <source>The neuron view fits up to {0} inputs; this data set has {1}. The weight heatmaps show every weight.</source>
        <translation>神经元视图最多容纳 {0} 个输入；这个数据集有 {1} 个。权重热力图会显示所有权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="128"/>
        <source>The neuron view fits up to {0} inputs; this network has {1}. The weight heatmaps show every weight.</source>
        <translation>神经元视图最多容纳 {0} 个输入；这个网络有 {1} 个。权重热力图会显示所有权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/neurons.py" line="147"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
</context>
<context>
    <name>OutputPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="85"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="138"/>
        <source>The output view draws 2-D data (decision surface), 1-D regression (fitted curve), sequences and text. This data set has {0} input features: see the loss and accuracy instead.</source>
        <translation>输出视图可以画二维数据（决策面）、一维回归（拟合曲线）、序列和文本。这个数据集有 {0} 个输入特征：请改看损失和准确率。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="184"/>
        <location filename="../../nnsim/ui/panels/output.py" line="226"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="187"/>
        <location filename="../../nnsim/ui/panels/output.py" line="227"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="234"/>
        <source>training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="235"/>
        <source>validation data</source>
        <translation>验证数据</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="236"/>
        <source>network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="245"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="245"/>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="247"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="248"/>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="249"/>
        <source>prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="253"/>
        <source>true value</source>
        <translation>真实值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="253"/>
        <source>predicted value</source>
        <translation>预测值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="267"/>
        <source>One label per sequence: there is no picture to draw here. Watch the accuracy in Loss &amp; metrics, and the LSTM gates for what the network keeps in memory.</source>
        <translation>每个序列只有一个标签：这里没有可画的图。请看“损失与指标”中的准确率，以及“LSTM 门”中网络记住了什么。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="270"/>
        <source>No output view for this data set and network.</source>
        <translation>这个数据集和网络没有输出视图。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="355"/>
        <source>correlation r = {0:.3f}  ·  on the dashed line: perfect</source>
        <translation>相关系数 r = {0:.3f}  ·  落在虚线上即为完美</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="362"/>
        <source>seed text (from the data):</source>
        <translation>起始文本（取自数据）：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="363"/>
        <source>the network continues:</source>
        <translation>网络接着写道：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="370"/>
        <source>sampled at temperature 0.7, refreshed every 2 s</source>
        <translation>以温度 0.7 采样，每 2 秒刷新一次</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="375"/>
        <source>validation accuracy {0:.1f}%</source>
        <translation>验证准确率 {0:.1f}%</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/output.py" line="381"/>
        <source>validation loss {0:.4g}</source>
        <translation>验证损失 {0:.4g}</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <location filename="../../nnsim/ui/palette.py" line="134"/>
        <source>Drag a layer onto the canvas, or double-click it. Connect layers by dragging from an output port (right) to an input port (left).</source>
        <extracomment>a layer type was double-clicked (or Enter pressed on it)</extracomment>
        <translation>把层拖到画布上，或双击它。从输出端口（右侧）拖到输入端口（左侧）即可连接两个层。</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../nnsim/ui/panels/base.py" line="108"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/base.py" line="156"/>
        <source>Export PNG</source>
        <extracomment>at most this many drawings a second (slow-changing pictures need fewer than 30) emitted with (relevant, reason) when the panel starts or stops applying to the network after each drawing (tests, benchmarks)</extracomment>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/base.py" line="157"/>
        <source>Save this panel as a PNG image</source>
        <translation>把这个面板保存为 PNG 图片</translation>
    </message>
</context>
<context>
    <name>Parameters</name>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="143"/>
        <location filename="../../nnsim/spec/registry.py" line="198"/>
        <source>Activation</source>
        <extracomment>inputs accepted: 0 (Input), 1, or None for two or more (merge layers) False for the Output node, which feeds nothing</extracomment>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="144"/>
        <source>f in a = f(z): the nonlinearity applied after the weighted sum</source>
        <translation>a = f(z) 中的 f：加权求和之后施加的非线性函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="148"/>
        <source>Initialiser</source>
        <translation>初始化方式</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="149"/>
        <source>How W is drawn at random before training (b starts at 0)</source>
        <translation>训练前如何随机生成 W（b 从 0 开始）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="152"/>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="153"/>
        <source>Number of neurons in the layer</source>
        <translation>本层的神经元个数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="155"/>
        <source>BPTT steps</source>
        <translation>BPTT 步数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="156"/>
        <source>Backpropagation through time: 0 = all steps, k = only the last k</source>
        <translation>随时间反向传播：0 = 全部时间步，k = 只传最后 k 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="159"/>
        <source>Return sequences</source>
        <translation>返回整个序列</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="160"/>
        <source>Output every time step (for another recurrent layer or per-step targets) instead of the last state only</source>
        <translation>输出每个时间步的状态（供下一个循环层使用，或用于逐步的目标值），而不只是最后的状态</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="188"/>
        <source>Init scale</source>
        <translation>初始化尺度</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="189"/>
        <source>sigma for &apos;normal&apos;, limit for &apos;uniform&apos;</source>
        <translation>normal 时为标准差 sigma，uniform 时为取值上限</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="208"/>
        <source>Rate</source>
        <translation>丢弃率</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="209"/>
        <source>Probability of dropping each unit during training</source>
        <translation>训练时丢弃每个单元的概率</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="230"/>
        <source>Forget bias</source>
        <translation>遗忘门偏置</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="231"/>
        <source>Initial b_f: 1 keeps memory from the start; 0 reproduces the classic failure</source>
        <translation>b_f 的初始值：1 让记忆从一开始就得以保留；0 重现经典的失败情形</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="256"/>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="266"/>
        <source>Optimiser</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="268"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="269"/>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="270"/>
        <source>Steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="271"/>
        <source>Training budget in mini-batch steps</source>
        <translation>训练预算，以小批量步数计</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="272"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="273"/>
        <source>Same seed, same initial weights and batches: identical runs</source>
        <translation>相同的种子带来相同的初始权重和批次：运行结果完全一致</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="276"/>
        <source>L2 weight decay</source>
        <translation>L2 权重衰减</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="278"/>
        <source>Clip gradient norm</source>
        <translation>梯度裁剪范数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="279"/>
        <source>0 = off; otherwise the gradient is rescaled to this norm</source>
        <translation>0 = 关闭；否则把梯度缩放到这个范数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="282"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="284"/>
        <source>Evaluate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="285"/>
        <source>Steps between validation passes</source>
        <translation>两次验证之间的步数</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="80"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="82"/>
        <source>In a thread of the app</source>
        <translation>在本程序的一个线程中</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="83"/>
        <source>In a separate process (faster on multi-core machines)</source>
        <translation>在单独的进程中（多核机器上更快）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="88"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="92"/>
        <source>System language ({0})</source>
        <translation>跟随系统（{0}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="96"/>
        <source>The training runner applies from the next time training starts. A new language takes effect when nnsim restarts.</source>
        <translation>训练的运行方式从下次开始训练时生效。新的语言在 nnsim 重新启动后生效。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="101"/>
        <source>Training runs</source>
        <translation>训练运行于</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="102"/>
        <source>Autosave every</source>
        <translation>自动保存间隔</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/settings.py" line="103"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>ProblemsStrip</name>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="79"/>
        <source>show</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/main_window.py" line="87"/>
        <source>… and {0} more</source>
        <translation>……还有 {0} 个问题</translation>
    </message>
</context>
<context>
    <name>RaceWindow</name>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="58"/>
        <source>MSE</source>
        <extracomment>scores within this ratio are a tie where a project name may be cut (Chinese titles use full-width punctuation)</extracomment>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="59"/>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="60"/>
        <source>binary cross-entropy</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="61"/>
        <location filename="../../nnsim/ui/understanding/race.py" line="62"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="167"/>
        <source>Race two projects — nnsim</source>
        <extracomment>&quot;a&quot;, &quot;b&quot; or &quot;tie&quot; once both are done</extracomment>
        <translation>两个项目赛跑 — nnsim</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="189"/>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="190"/>
        <source>Training budget of each project</source>
        <translation>每个项目的训练预算</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="191"/>
        <source>▶ Start race</source>
        <translation>▶ 开始赛跑</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="192"/>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="199"/>
        <source>vs</source>
        <translation>对</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="221"/>
        <location filename="../../nnsim/ui/understanding/race.py" line="238"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="221"/>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="238"/>
        <location filename="../../nnsim/ui/understanding/race.py" line="314"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="251"/>
        <source>Both train on the same data, from their own seeds, each in its own thread. Below: how much gradient reaches each time step t (bright = strong, black = vanished), on one colour scale for both.</source>
        <translation>两者在同样的数据上训练，各用自己的随机种子，各在自己的线程中运行。下方：有多少梯度到达每个时间步 t（越亮越强，黑色表示已消失），两者使用同一个色标。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="300"/>
        <source>(B trains on A&apos;s data set, {0})</source>
        <translation>（B 在 A 的数据集 {0} 上训练）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="303"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; against &lt;b&gt;{1}&lt;/b&gt;: press Start.</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; 对 &lt;b&gt;{1}&lt;/b&gt;：按“开始”。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="310"/>
        <source>{0} ({1}): gradient reaching each time step, ‖∂L/∂h&lt;sub&gt;t&lt;/sub&gt;‖</source>
        <translation>{0}（{1}）：到达每个时间步的梯度 ‖∂L/∂h&lt;sub&gt;t&lt;/sub&gt;‖</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="312"/>
        <source>{0}: gradient norm per layer</source>
        <translation>{0}：每层的梯度范数</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="320"/>
        <source>{0} training</source>
        <translation>{0} 训练</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="322"/>
        <source>{0} validation</source>
        <translation>{0} 验证</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="323"/>
        <source>{0} (log scale)</source>
        <translation>{0}（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="355"/>
        <source>Racing &lt;b&gt;{0}&lt;/b&gt; against &lt;b&gt;{1}&lt;/b&gt; for {2} steps each…</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; 与 &lt;b&gt;{1}&lt;/b&gt; 正在赛跑，各跑 {2} 步…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="454"/>
        <source>starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="455"/>
        <source>step {0}</source>
        <translation>第 {0} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="458"/>
        <source>validation {0} {1:.4g}</source>
        <translation>验证 {0} {1:.4g}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="461"/>
        <source>accuracy {0:.1f}%</source>
        <translation>准确率 {0:.1f}%</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="463"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="466"/>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="472"/>
        <source>after {0} steps each</source>
        <translation>各训练 {0} 步后</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="473"/>
        <source>after {0} and {1} steps</source>
        <translation>分别训练 {0} 步和 {1} 步后</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="485"/>
        <source>No winner: neither run finished cleanly.</source>
        <translation>没有赢家：两次运行都没有正常结束。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="488"/>
        <source>Too close to call: validation {0} {1:.4g} ({2}) and {3:.4g} ({4}), {5}.</source>
        <translation>难分胜负：验证 {0} 分别为 {1:.4g}（{2}）和 {3:.4g}（{4}），{5}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="497"/>
        <source>validation {0} {1:.4g} against {2:.4g}</source>
        <translation>验证 {0} {1:.4g} 对 {2:.4g}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="499"/>
        <source>({0:.1f}× lower)</source>
        <translation>（低 {0:.1f} 倍）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="501"/>
        <source>{0} did not finish (diverged or failed)</source>
        <translation>{0} 没有跑完（发散或失败）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="502"/>
        <source>{0} wins</source>
        <translation>{0} 获胜</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/race.py" line="503"/>
        <source>{0}: {1}, {2}.</source>
        <translation>{0}：{1}，{2}。</translation>
    </message>
</context>
<context>
    <name>RunOverlays</name>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="276"/>
        <source>Run {0}</source>
        <extracomment>where the runs are named (the panel&apos;s legend, else the plot&apos;s own, if any) run number -&gt; (training-loss curve, validation curve) run number -&gt; {layer: curve}</extracomment>
        <translation>运行 {0}</translation>
    </message>
</context>
<context>
    <name>RunsPanel</name>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="59"/>
        <source>project “{project}”</source>
        <extracomment>the phrases ``nnsim.training.runs.describe_changes`` and ``Run.add`` make, word for word</extracomment>
        <translation>项目“{project}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="60"/>
        <source>step {step}: {setting} {a} → {b}</source>
        <translation>第 {step} 步：{setting} {a} → {b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="61"/>
        <source>{setting} {a} → {b}</source>
        <translation>{setting} {a} → {b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="62"/>
        <source>data set {dataset_a} → {dataset_b}</source>
        <translation>数据集 {dataset_a} → {dataset_b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="63"/>
        <source>data {data_key} {a} → {b}</source>
        <translation>数据的{data_key} {a} → {b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="64"/>
        <source>+ {type} layer {layer}</source>
        <translation>+ {type} {layer}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="65"/>
        <source>− {type} layer {layer}</source>
        <translation>− {type} {layer}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="66"/>
        <source>connections changed</source>
        <translation>连接已改变</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="67"/>
        <source>{layer} {type_a} → {type_b}</source>
        <translation>{layer} {type_a} → {type_b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="68"/>
        <source>{layer} {param} {a} → {b}</source>
        <translation>{layer} 的{param} {a} → {b}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="122"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="130"/>
        <source>{0} (+{1} more)</source>
        <translation>{0}（另有 {1} 处）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="134"/>
        <source>Run {0}: {1}</source>
        <translation>运行 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="139"/>
        <source>{0} steps</source>
        <translation>{0} 步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="142"/>
        <source>val {0}</source>
        <translation>验证 {0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="153"/>
        <source>{0} · learning rate {1} · batch {2} · seed {3}</source>
        <translation>{0} · 学习率 {1} · 批量 {2} · 随机种子 {3}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="157"/>
        <source>data: {0} {1}</source>
        <translation>数据：{0} {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="160"/>
        <source>Changed from the run before:</source>
        <translation>相对上一次运行的修改：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="163"/>
        <source>Changed while training:</source>
        <translation>训练中途的修改：</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="380"/>
        <source>Restart with this change</source>
        <extracomment>the checked run numbers changed</extracomment>
        <translation>带着这项修改重新开始</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="382"/>
        <source>New weights from the same seed, so the next run differs from the last only in what you changed; the last run is overlaid for comparison</source>
        <translation>用同一个随机种子重新生成权重，这样下一次运行与上一次只差在你修改的地方；上一次运行会叠加显示以便比较</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="385"/>
        <source>Overlay none</source>
        <translation>全部取消叠加</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="392"/>
        <source>Every training run of this session. Tick runs to overlay them (dashed) on &lt;i&gt;Loss&lt;/i&gt; and &lt;i&gt;Gradient health&lt;/i&gt;.</source>
        <translation>本次会话中的每一次训练运行。勾选的运行会以虚线叠加在&lt;i&gt;损失&lt;/i&gt;图和&lt;i&gt;梯度健康&lt;/i&gt;图上。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="428"/>
        <source>current</source>
        <translation>当前</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="430"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="472"/>
        <source>Train, change one setting (say the learning rate), then restart to compare.</source>
        <translation>先训练，再修改一项设置（比如学习率），然后重新开始进行比较。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="479"/>
        <source>Change one setting in the inspector, then restart with it: same seed, same first weights.</source>
        <translation>在属性面板中修改一项设置，然后带着它重新开始：同样的随机种子，同样的初始权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="482"/>
        <source>Changed since run {0}: &lt;b&gt;{1}&lt;/b&gt;</source>
        <translation>自运行 {0} 以来的修改：&lt;b&gt;{1}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/runs.py" line="487"/>
        <source>&lt;span style=&apos;color:#b06000&apos;&gt;{0} changes since run {1}&lt;/span&gt; ({2}): a restart compares them all at once.</source>
        <translation>&lt;span style=&apos;color:#b06000&apos;&gt;自运行 {1} 以来有 {0} 处修改&lt;/span&gt;（{2}）：重新开始会一次比较所有这些修改。</translation>
    </message>
</context>
<context>
    <name>SimulationController</name>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="57"/>
        <source>Load a project before starting training.</source>
        <extracomment>the sentences the training loop (``nnsim.training.loop.user_message``) and the child process send in &quot;error&quot; events, word for word, so the user reads them in the interface language</extracomment>
        <translation>请先加载一个项目，再开始训练。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="58"/>
        <source>Not enough memory for this network and data set: make them smaller.</source>
        <translation>内存不足以容纳这个网络和数据集：请把它们改小一些。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="60"/>
        <source>The network is not valid: {problems}</source>
        <translation>网络无效：{problems}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="61"/>
        <source>Could not load the project: {message}</source>
        <translation>无法加载项目：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="62"/>
        <source>Could not change the learning rate: {message}</source>
        <translation>无法修改学习率：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="63"/>
        <source>Could not change the batch size: {message}</source>
        <translation>无法修改批量大小：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="64"/>
        <source>Could not change the optimiser: {message}</source>
        <translation>无法修改优化器：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="65"/>
        <source>Could not change the dropout rate: {message}</source>
        <translation>无法修改 Dropout 比例：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="66"/>
        <source>Could not change the clipping norm: {message}</source>
        <translation>无法修改梯度裁剪范数：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="67"/>
        <source>Could not change the weight decay: {message}</source>
        <translation>无法修改权重衰减：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="68"/>
        <source>Could not reset the weights: {message}</source>
        <translation>无法重置权重：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="69"/>
        <source>Could not set {parameter}: {message}</source>
        <translation>无法设置 {parameter}：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="70"/>
        <source>Could not step: {message}</source>
        <translation>无法执行单步训练：{message}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="71"/>
        <source>Training hit an internal error ({error}) and was paused; please report it.</source>
        <translation>训练遇到内部错误（{error}），已暂停；请报告这个问题。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="73"/>
        <source>The training process failed: {error}.</source>
        <translation>训练进程出错：{error}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="285"/>
        <location filename="../../nnsim/ui/simulation.py" line="372"/>
        <source>Could not load the project: {0}.</source>
        <translation>无法加载项目：{0}。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="348"/>
        <location filename="../../nnsim/ui/simulation.py" line="365"/>
        <source>Load a project first.</source>
        <translation>请先加载一个项目。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="354"/>
        <source>The training runner is not available: {0}.</source>
        <translation>训练运行器不可用：{0}。</translation>
    </message>
</context>
<context>
    <name>StepThroughPanel</name>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="40"/>
        <source>Forward</source>
        <extracomment>layers up to this many units are shown number by number samples of a mini-batch shown as columns</extracomment>
        <translation>前向传播</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="41"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="42"/>
        <source>Backward</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="43"/>
        <source>Through time</source>
        <translation>随时间</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="44"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="67"/>
        <source>Forward through &apos;{layer}&apos;</source>
        <extracomment>the titles, notes and worded formulas of ``nnsim.training.stepthrough``&apos;s stages, word for word (that module builds them with f-strings; ``stage_text`` shows them translated)</extracomment>
        <translation>前向经过“{layer}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="68"/>
        <source>Forward through &apos;{layer}&apos; ({type})</source>
        <translation>前向经过“{layer}”（{type}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="69"/>
        <source>Loss: {loss} = {value}</source>
        <translation>损失：{loss} = {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="70"/>
        <source>Error term of &apos;{layer}&apos;</source>
        <translation>“{layer}”的误差项</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="71"/>
        <source>Gradient through &apos;{layer}&apos; ({type})</source>
        <translation>梯度经过“{layer}”（{type}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="72"/>
        <source>Update of &apos;{layer}&apos; (lr = {lr})</source>
        <translation>更新“{layer}”（lr = {lr}）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="73"/>
        <source>&apos;{layer}&apos; at time step {t}</source>
        <translation>“{layer}”在时间步 {t}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="74"/>
        <source>dL/da = W_{layer}^T delta_{layer}: the error of the layer above, sent back through its weights.</source>
        <translation>dL/da = W_{layer}^T delta_{layer}：上一层的误差经由它的权重传回来。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="76"/>
        <source>dL/da sums what every layer fed by this one sends back.</source>
        <translation>dL/da 是这一层所连接的每个后续层传回的梯度之和。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="78"/>
        <source>Your optimiser ({optimizer}) rescales each weight&apos;s step; shown is the plain gradient-descent step -lr * dL/dW.</source>
        <translation>你的优化器（{optimizer}）会重新缩放每个权重的步长；这里显示的是普通梯度下降的步长 -lr * dL/dW。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="81"/>
        <source>||dL/dh_{t}|| is {ratio} times the last step&apos;s.</source>
        <translation>||dL/dh_{t}|| 是最后一个时间步的 {ratio} 倍。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="82"/>
        <source>For softmax with cross-entropy, dL/dz = (y_hat - y) / n: the error is simply the predicted probabilities minus the one-hot truth.</source>
        <translation>softmax 配合交叉熵时，dL/dz = (y_hat - y) / n：误差就是预测概率减去 one-hot 形式的真实值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="85"/>
        <source>For sigmoid with binary cross-entropy, dL/dz = (y_hat - y) / n.</source>
        <translation>sigmoid 配合二元交叉熵时，dL/dz = (y_hat - y) / n。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="87"/>
        <source>For mean squared error, dL/dy_hat = 2 (y_hat - y) / n.</source>
        <translation>使用均方误差时，dL/dy_hat = 2 (y_hat - y) / n。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="89"/>
        <source>delta = dL/dz, straight from the loss</source>
        <translation>delta = dL/dz，直接来自损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="90"/>
        <source>y = x at prediction (dropout only acts during training)</source>
        <translation>预测时 y = x（Dropout 只在训练时起作用）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="95"/>
        <source>dL/dC_{t-1} = dL/dC_t * f_t + ...: the forget gate decides how much of the gradient survives one step back</source>
        <extracomment>worded formulas with braces of their own (no fields): looked up as they are</extracomment>
        <translation>dL/dC_{t-1} = dL/dC_t * f_t + ...：遗忘门决定有多少梯度能往回传过一个时间步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="98"/>
        <source>dL/dh_{t-1} = (dL/dh_t * tanh&apos;(z_t)) W_h^T: shrinks when |W_h| &lt; 1</source>
        <translation>dL/dh_{t-1} = (dL/dh_t * tanh&apos;(z_t)) W_h^T：|W_h| &lt; 1 时会缩小</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="101"/>
        <source>cross_entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="102"/>
        <source>bce</source>
        <translation>二元交叉熵</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="103"/>
        <source>mse</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="343"/>
        <source>Which training sample goes through the network</source>
        <extracomment>the current ``Stage`` (after every move and rebuild) the user asked for the newest weights (the window wiring answers with set_source)</extracomment>
        <translation>让哪个训练样本通过网络</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="345"/>
        <source>one sample</source>
        <translation>一个样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="346"/>
        <source>mini-batch of</source>
        <translation>小批量，大小</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="347"/>
        <source>Step one sample through, or a mini-batch (the gradient is then the batch mean)</source>
        <translation>逐步跟踪一个样本，或一个小批量（此时梯度是批次的平均值）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="353"/>
        <source>Newest weights</source>
        <translation>最新权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="354"/>
        <source>Take the weights of the newest training step</source>
        <translation>使用最近一个训练步的权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="359"/>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="367"/>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="368"/>
        <source>Previous stage (← or Page Up)</source>
        <translation>上一个阶段（← 或 Page Up）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="369"/>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="370"/>
        <source>Next stage (→ or Page Down)</source>
        <translation>下一个阶段（→ 或 Page Down）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="375"/>
        <source>Jump to a stage</source>
        <translation>跳到某个阶段</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="443"/>
        <source>Train the network for a while, then step through one pass of backpropagation with its own numbers.</source>
        <translation>先把网络训练一会儿，然后用它自己的数值逐步走一遍反向传播。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="478"/>
        <source>Initial weights: the network has not been trained yet.</source>
        <translation>初始权重：网络还没有训练过。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="483"/>
        <source>Weights of training step {0} · {1}</source>
        <translation>第 {0} 个训练步的权重 · {1}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="506"/>
        <source>Cannot step through this network: {0}</source>
        <translation>无法逐步跟踪这个网络：{0}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="590"/>
        <source>||delta|| / ||dL/da|| = {0:.2g}: the slope f&apos;(z) passes on that share of the gradient&apos;s size (a sigmoid at most 1/4).</source>
        <translation>||delta|| / ||dL/da|| = {0:.2g}：斜率 f&apos;(z) 只把这个比例的梯度大小传下去（sigmoid 最多 1/4）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="592"/>
        <source>||delta|| / ||dL/da|| = {0:.2g}: the slope f&apos;(z) passes on that share of the gradient&apos;s size.</source>
        <translation>||delta|| / ||dL/da|| = {0:.2g}：斜率 f&apos;(z) 只把这个比例的梯度大小传下去。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="611"/>
        <source>Sample {0} of the training set.</source>
        <translation>训练集中的第 {0} 个样本。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="612"/>
        <source>Samples {0}–{1}: the loss is their mean.</source>
        <translation>第 {0}–{1} 个样本：损失是它们的平均值。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="672"/>
        <source>{0}, walked back to t = {1}</source>
        <translation>{0}，回溯到 t = {1}</translation>
    </message>
</context>
<context>
    <name>ThroughTimePanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="34"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="35"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="36"/>
        <source>{0} ({1}): ||dL/dh_t||, log colour</source>
        <translation>{0}（{1}）：||dL/dh_t||，对数色标</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="44"/>
        <source>newest ||dL/dh_t||</source>
        <translation>最新的 ||dL/dh_t||</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="67"/>
        <source>Gradient through time</source>
        <translation>随时间传播的梯度</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="73"/>
        <source>Gradient through time appears when the network has a recurrent layer (SimpleRNN or LSTM).</source>
        <translation>网络中有循环层（SimpleRNN 或 LSTM）时，这里显示随时间传播的梯度。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/through_time.py" line="141"/>
        <source>{0}: ||dL/dh_0|| / ||dL/dh_T|| = {1:.1e}</source>
        <translation>{0}：||dL/dh_0|| / ||dL/dh_T|| = {1:.1e}</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <location filename="../../nnsim/ui/understanding/stepthrough_panel.py" line="287"/>
        <source>time step t</source>
        <translation>时间步 t</translation>
    </message>
</context>
<context>
    <name>Understanding</name>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="76"/>
        <source>Backprop step-through</source>
        <extracomment>how long to wait for the paused snapshot before building from the newest one anyway</extracomment>
        <translation>反向传播逐步演示</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="78"/>
        <source>Explanations</source>
        <translation>解释</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="79"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="80"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="136"/>
        <source>&amp;Learn</source>
        <translation>学习(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="143"/>
        <source>&amp;Step Through Backprop…</source>
        <translation>逐步演示反向传播(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="145"/>
        <source>Pause training and follow one sample through forward pass, loss, backpropagation and update</source>
        <translation>暂停训练，跟随一个样本走过前向传播、损失、反向传播和更新</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="150"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="158"/>
        <source>&amp;Compare Runs</source>
        <translation>比较运行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="159"/>
        <source>Every training run of this session; overlay them on the loss and gradient plots</source>
        <translation>本次会话中的每一次训练运行；可以把它们叠加在损失图和梯度图上</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="163"/>
        <source>&amp;Race Two Projects…</source>
        <translation>两个项目赛跑(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="164"/>
        <source>Train two projects side by side on the same data</source>
        <translation>在同样的数据上并排训练两个项目</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="169"/>
        <source>&amp;Explanations Panel</source>
        <translation>解释面板(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="217"/>
        <source>Click the plot for more in the Explanations panel (F1).</source>
        <translation>点击图表，在解释面板中查看更多（F1）。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="273"/>
        <source>The “{0}” plot</source>
        <translation>“{0}”图</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="324"/>
        <source>Restarted with the same seed after a change.</source>
        <translation>修改后已用同一个随机种子重新开始。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="377"/>
        <source>Pausing training…</source>
        <translation>正在暂停训练…</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="407"/>
        <source>The network is not valid yet: fix the problems marked on the canvas, then step through it.</source>
        <translation>网络还无效：请先修正画布上标出的问题，再逐步演示。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/understanding/__init__.py" line="439"/>
        <source>Lesson: {0}</source>
        <translation>课程：{0}</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="98"/>
        <source>must be true or false, got {value}</source>
        <extracomment>translation contexts of this module (name, value) pairs; a value that is a list or tuple is joined with &quot;, &quot;</extracomment>
        <translation>必须是 true 或 false，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="103"/>
        <source>must be one of {choices}, got {value}</source>
        <translation>必须是 {choices} 之一，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="107"/>
        <source>must be a whole number from {min} to {max}, got {value}</source>
        <translation>必须是 {min} 到 {max} 之间的整数，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="111"/>
        <source>must be a number from {min} to {max}, got {value}</source>
        <translation>必须是 {min} 到 {max} 之间的数，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/registry.py" line="116"/>
        <source>must be from {min} to {max}, got {value}</source>
        <translation>必须在 {min} 到 {max} 之间，当前为 {value}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="93"/>
        <source>(batch)</source>
        <extracomment>What training a network may need (``_memory_estimate``); more is refused with a message. Rows of one evaluation chunk (``Network.evaluate``) and of the decision-surface grid (64 x 64). Copies of the parameter vector training keeps: weights, gradients, weight-decay mask, the previous step&apos;s weights, two optimiser moments (Adam), a snapshot copy. training / validation samples; 0 = unknown (the memory estimate then assumes the most) the message kept translatable (``Text``: template and arguments); ``message`` is its English. None for a message made elsewhere (the UI shows ``message`` then). output shape of each node, batch axis excluded: ``{&quot;dense1&quot;: (16,)}`` topological order of node ids (when there is no cycle) rough upper estimate of the memory training needs, in bytes (0 until shapes are known)</extracomment>
        <translation>(批量)</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="94"/>
        <source>(batch, {dims})</source>
        <translation>(批量, {dims})</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="107"/>
        <source>{title} &apos;{name}&apos;</source>
        <translation>{title}“{name}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="127"/>
        <source>the data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="133"/>
        <source>{shape} from &apos;{name}&apos;</source>
        <translation>来自“{name}”的 {shape}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="145"/>
        <source>Every layer needs a non-empty name</source>
        <translation>每个层都需要一个非空的名称</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="149"/>
        <source>Two layers are named &apos;{name}&apos;: names must be unique</source>
        <translation>有两个层都叫“{name}”：名称必须唯一</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="155"/>
        <source>&apos;{name}&apos; has an unknown layer type {type}; known types are {types}</source>
        <translation>“{name}”的层类型 {type} 未知；已知的类型有 {types}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="163"/>
        <source>{layer} has no parameter {key}</source>
        <translation>{layer}没有参数 {key}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="168"/>
        <source>{layer} is missing its parameter {key}</source>
        <translation>{layer}缺少参数 {key}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="174"/>
        <source>{layer}: {param} {error}</source>
        <translation>{layer}：{param}{error}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="179"/>
        <source>Training setting {key} is missing</source>
        <translation>缺少训练设置 {key}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="185"/>
        <source>Training: {param} {error}</source>
        <translation>训练：{param}{error}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="195"/>
        <source>The network has no Input layer: drag one from the palette</source>
        <translation>网络没有输入层：请从层面板拖一个进来</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="199"/>
        <source>Only one Input layer is allowed; found {names}</source>
        <translation>只能有一个输入层；找到了 {names}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="203"/>
        <source>The network has no Output / loss layer: drag one from the palette</source>
        <translation>网络没有输出 / 损失层：请从层面板拖一个进来</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="207"/>
        <source>Only one Output layer is allowed; found {names}</source>
        <translation>只能有一个输出层；找到了 {names}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="215"/>
        <source>A link refers to a layer &apos;{name}&apos; that does not exist</source>
        <translation>有一条连接指向不存在的层“{name}”</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="221"/>
        <source>{layer} is linked to itself</source>
        <translation>{layer}连接到了自己</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="225"/>
        <source>{layer} is linked to {other} twice</source>
        <translation>{layer}与{other}之间连接了两次</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="231"/>
        <source>The Output layer &apos;{name}&apos; cannot feed another layer</source>
        <translation>输出层“{name}”不能再连到其他层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="236"/>
        <source>The Input layer &apos;{name}&apos; cannot receive a link</source>
        <translation>输入层“{name}”不能接收连接</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="243"/>
        <source>{layer} has no input: connect a layer to it</source>
        <translation>{layer}没有输入：请把一个层连到它上面</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="247"/>
        <source>{layer} has {count} inputs; only Add and Concatenate merge several</source>
        <translation>{layer}有 {count} 个输入；只有相加层和拼接层能合并多个输入</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="252"/>
        <source>{layer} needs two or more inputs, has {count}</source>
        <translation>{layer}需要两个或更多输入，目前只有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="274"/>
        <source>The links {path} form a cycle: data must flow one way, from Input to Output</source>
        <translation>连接 {path} 构成了环路：数据必须单向流动，从输入流向输出</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="285"/>
        <source>{layer} is not connected to the Input</source>
        <translation>{layer}没有连到输入层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="289"/>
        <source>{layer} does not lead to the Output</source>
        <translation>{layer}没有通向输出层</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="365"/>
        <source>{layer} needs a sequence (batch, time, features) but &apos;{source}&apos; gives {shape}: use a sequence data set, or return_sequences on the layer before</source>
        <translation>{layer}需要序列输入 (批量, 时间, 特征)，但“{source}”给出的是 {shape}：请使用序列数据集，或在前一层打开 return_sequences</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="384"/>
        <source>{layer} joins {parts}: the shapes must be equal</source>
        <translation>{layer}合并了 {parts}：形状必须相同</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="393"/>
        <source>{layer} joins {parts}: all but the last axis must be equal</source>
        <translation>{layer}合并了 {parts}：除最后一个轴外，其余各轴必须相同</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="405"/>
        <source>The network would have more than {count} parameters at {layer}; the limit is {limit}: use fewer units</source>
        <translation>到{layer}为止，网络的参数已超过 {count} 个；上限是 {limit}：请减少单元数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="417"/>
        <source>Training this network would need about {size} MB of memory (the largest layer is &apos;{name}&apos;, {units} units); the limit is {limit} MB: use fewer units, shorter sequences or fewer samples</source>
        <translation>训练这个网络大约需要 {size} MB 内存（最大的层是“{name}”，有 {units} 个单元）；上限是 {limit} MB：请减少单元数、缩短序列或减少样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="423"/>
        <source>Training this network would need about {size} MB of memory (the largest layer is &apos;{name}&apos;, {units} units); the limit is {limit} MB: use fewer units or layers</source>
        <translation>训练这个网络大约需要 {size} MB 内存（最大的层是“{name}”，有 {units} 个单元）；上限是 {limit} MB：请减少单元数或层数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="428"/>
        <source>Training this network would need about {size} MB of memory; the limit is {limit} MB: use fewer units, shorter sequences or fewer samples</source>
        <translation>训练这个网络大约需要 {size} MB 内存；上限是 {limit} MB：请减少单元数、缩短序列或减少样本</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="433"/>
        <source>Training this network would need about {size} MB of memory; the limit is {limit} MB: use fewer units or layers</source>
        <translation>训练这个网络大约需要 {size} MB 内存；上限是 {limit} MB：请减少单元数或层数</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="471"/>
        <source>{data} is a regression task: choose the mse loss on the Output</source>
        <translation>{data} 是回归任务：请在输出层选择 mse 损失</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="477"/>
        <source>{data} is a classification task: choose cross_entropy (or bce for two classes) on the Output</source>
        <translation>{data} 是分类任务：请在输出层选择 cross_entropy（二分类也可选 bce）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="484"/>
        <source>bce needs two classes; {data} has {count}: use cross_entropy</source>
        <translation>bce 需要两个类别；{data} 有 {count} 个：请使用 cross_entropy</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="490"/>
        <source>The cross-entropy loss applies softmax itself: set the activation of &apos;{name}&apos; to linear</source>
        <translation>交叉熵损失自带 softmax：请把“{name}”的激活函数设为 linear</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="496"/>
        <source>The bce loss applies sigmoid itself: set the activation of &apos;{name}&apos; to linear</source>
        <translation>bce 损失自带 sigmoid：请把“{name}”的激活函数设为 linear</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="504"/>
        <source>{data} has a target at every time step, but &apos;{name}&apos; gives {shape}: turn on return_sequences in the recurrent layer</source>
        <translation>{data} 在每个时间步都有目标值，但“{name}”给出的是 {shape}：请在循环层中打开 return_sequences</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="510"/>
        <source>The output still has a time axis {shape}: turn off return_sequences in the last recurrent layer</source>
        <translation>输出仍带有时间轴 {shape}：请在最后一个循环层中关闭 return_sequences</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="516"/>
        <source>the {count} classes of {data}</source>
        <translation>{data} 的 {count} 个类别</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="520"/>
        <source>binary cross-entropy (one unit: the logit of class 1)</source>
        <translation>二元交叉熵（一个单元：类别 1 的 logit）</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="524"/>
        <source>the {count} target value(s) of {data}</source>
        <translation>{data} 的 {count} 个目标值</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="528"/>
        <source>The Output expects {want} for {what}, but &apos;{name}&apos; gives {shape}: set units of &apos;{name}&apos; to {units}</source>
        <translation>{what}需要输出层得到 {want}，但“{name}”给出的是 {shape}：请把“{name}”的单元数设为 {units}</translation>
    </message>
    <message>
        <location filename="../../nnsim/spec/validate.py" line="532"/>
        <source>The Output expects {want} for {what}, but &apos;{name}&apos; gives {shape}</source>
        <translation>{what}需要输出层得到 {want}，但“{name}”给出的是 {shape}</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="108"/>
        <source>input i</source>
        <translation>输入 i</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="109"/>
        <source>unit j</source>
        <translation>单元 j</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="117"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="201"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="202"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="204"/>
        <location filename="../../nnsim/ui/panels/weights.py" line="274"/>
        <source>All layers</source>
        <translation>所有层</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="220"/>
        <source>Weights appear when the network has a layer with weights (Dense, SimpleRNN, LSTM).</source>
        <translation>网络中有带权重的层（全连接层、SimpleRNN、LSTM）时，这里显示权重。</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="235"/>
        <source>{0}: what each of its {1} units looks for in the {2}x{3} image</source>
        <translation>{0}：它的 {1} 个单元各自在 {2}x{3} 的图像中寻找什么</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="240"/>
        <source>{0}.W  ({1} inputs x {2} units)</source>
        <translation>{0}.W  （{1} 个输入 x {2} 个单元）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="250"/>
        <source>{0}: {1}  (Wx above the line, Wh below)</source>
        <translation>{0}：{1}（线上方为 Wx，下方为 Wh）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="350"/>
        <source>{0}.{1}[{2}, {3}] ({4}) = {5}</source>
        <translation>{0}.{1}[{2}, {3}]（{4}）= {5}</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="357"/>
        <source>forget gate</source>
        <translation>遗忘门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="357"/>
        <source>input gate</source>
        <translation>输入门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="358"/>
        <source>candidate gate</source>
        <translation>候选值</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="358"/>
        <source>output gate</source>
        <translation>输出门</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="258"/>
        <source>{0}  (Wx above the line, Wh below)</source>
        <translation>{0}  （线上方为 Wx，下方为 Wh）</translation>
    </message>
    <message>
        <location filename="../../nnsim/ui/panels/weights.py" line="343"/>
        <source>{0}: unit j={1}, pixel (row {2}, col {3}) = input i={4}:  W[{4}, {1}] = {5:+.4g}</source>
        <translation>{0}：单元 j={1}，像素（第 {2} 行，第 {3} 列）= 输入 i={4}：  W[{4}, {1}] = {5:+.4g}</translation>
    </message>
</context>
<context>
    <name>_LoopThread</name>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="122"/>
        <source>The training thread failed: {0}: {1}.</source>
        <translation>训练线程出错：{0}：{1}。</translation>
    </message>
</context>
<context>
    <name>_ProcessRunnerQt</name>
    <message>
        <location filename="../../nnsim/ui/simulation.py" line="212"/>
        <source>The training process stopped unexpectedly (exit code {0}); start again to restart it.</source>
        <translation>训练进程意外停止（退出码 {0}）；再次开始训练即可重新启动它。</translation>
    </message>
</context>
</TS>
