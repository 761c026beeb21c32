<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutFusebench</name>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>OpenCV</source>
        <translation>OpenCV</translation>
    </message>
    <message>
        <source>GDCM</source>
        <translation>GDCM</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fusebench %1&lt;/b&gt;&lt;p&gt;A desktop workbench for multimodal deep learning: build models that combine images, text, audio and tabular values, train them, evaluate them and explain their predictions.&lt;/p&gt;&lt;p&gt;Built with:&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;Devices found: %3&lt;/p&gt;</source>
        <translation>&lt;b&gt;Fusebench %1&lt;/b&gt;&lt;p&gt;多模态深度学习桌面工作台：构建结合图像、文本、音频和表格数值的模型，训练、评估模型并解释其预测。&lt;/p&gt;&lt;p&gt;构建所用组件：&lt;/p&gt;&lt;table&gt;%2&lt;/table&gt;&lt;p&gt;找到的设备：%3&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>CaseReport</name>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>there is no explanation to report</source>
        <translation>没有可写入报告的解释</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Case report: sample %1</source>
        <translation>病例报告：样本 %1</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>Fusebench case report · %1 · sample %2 · %3</source>
        <translation>Fusebench 病例报告 · %1 · 样本 %2 · %3</translation>
    </message>
    <message>
        <source>What drove output %1 of the model</source>
        <translation>是什么影响了模型的输出 %1</translation>
    </message>
    <message>
        <source>Why the model predicted %1</source>
        <translation>模型为何预测为 %1</translation>
    </message>
    <message>
        <source>Evidence for %1 (the model predicted %2)</source>
        <translation>支持 %1 的依据（模型预测为 %2）</translation>
    </message>
    <message>
        <source>Sample: %1</source>
        <translation>样本：%1</translation>
    </message>
    <message>
        <source> (row %1)</source>
        <translation>（第 %1 行）</translation>
    </message>
    <message>
        <source> · true class: %1</source>
        <translation> · 真实类别：%1</translation>
    </message>
    <message>
        <source>Model: %1 · Run: %2
Dataset: %3
Report created %4 by Fusebench.</source>
        <translation>模型：%1 · 运行：%2
数据集：%3
本报告由 Fusebench 于 %4 生成。</translation>
    </message>
    <message>
        <source>given values</source>
        <translation>手动提供的数据</translation>
    </message>
    <message>
        <source>What-if: this is not the recorded sample.</source>
        <translation>假设分析：这不是记录中的原始样本。</translation>
    </message>
    <message>
        <source> Switched off: %1.</source>
        <translation> 已关闭：%1。</translation>
    </message>
    <message>
        <source> %1 edited to &quot;%2&quot;.</source>
        <translation> %1 已改为“%2”。</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>These percentages were adjusted on cases the model did not learn from, so that of the answers given with about 80 %, about 80 % were right.</source>
        <translation>这些百分比已在模型未曾学习过的病例上进行过校正：在模型给出约 80% 把握的回答中，约有 80% 是正确的。</translation>
    </message>
    <message>
        <source>These percentages are the model&apos;s own and were not checked against held-out cases: read them as a ranking more than as a chance of being right.</source>
        <translation>这些百分比由模型自身给出，未经留出病例的检验：请更多地将其视为排序，而不是回答正确的概率。</translation>
    </message>
    <message>
        <source>How much each kind of data contributed</source>
        <translation>每种数据的贡献程度</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>without it: %1</source>
        <translation>不使用该数据时：%1</translation>
    </message>
    <message>
        <source>answer without it: %1</source>
        <translation>不使用该数据时的回答：%1</translation>
    </message>
    <message>
        <source>Each bar is that kind of data&apos;s fair share of output %1: %2 with no data, %3 with all of it. Red bars raised it, blue ones lowered it.</source>
        <translation>每个条形表示该类数据在输出 %1 中公平分摊的份额：没有任何数据时为 %2，使用全部数据时为 %3。红色条形使其升高，蓝色条形使其降低。</translation>
    </message>
    <message>
        <source>Each bar is that kind of data&apos;s fair share of the answer %1: with no data at all the model gives it %2, with all of it %3. Red bars raised the answer, blue ones lowered it.</source>
        <translation>每个条形表示该类数据在回答 %1 中公平分摊的份额：完全没有数据时，模型给出 %2，使用全部数据时给出 %3。红色条形使该回答升高，蓝色条形使其降低。</translation>
    </message>
    <message>
        <source>Image: %1 (%2)</source>
        <translation>图像：%1（%2）</translation>
    </message>
    <message>
        <source>original</source>
        <translation>原图</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文本：%1</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Audio: %1 (%2 s, %3)</source>
        <translation>音频：%1（%2 s，%3）</translation>
    </message>
    <message>
        <source>%1 over the log-mel spectrogram (low pitches at the bottom); the bars: how much each moment mattered.</source>
        <translation>%1 叠加在对数梅尔频谱图上（低音在下方）；条形表示每个时刻的重要程度。</translation>
    </message>
    <message>
        <source>Values: %1</source>
        <translation>数值：%1</translation>
    </message>
    <message>
        <source>Attention in %1 (rows attend to columns)</source>
        <translation>%1 中的注意力（各行对各列的关注）</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 的%1</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>门控</translation>
    </message>
    <message>
        <source>Modality weights</source>
        <translation>模态权重</translation>
    </message>
    <message>
        <source>Known cases that look most alike to the model</source>
        <translation>模型认为最相似的已知病例</translation>
    </message>
    <message>
        <source>Training cases whose data the model sees as closest to this one (1.00 = the same). Their recorded classes can help judge the answer; closeness is the model&apos;s view, not a clinical one.</source>
        <translation>模型认为其数据与本病例最接近的训练病例（1.00 表示完全相同）。这些病例记录的类别可帮助判断本次回答；这里的接近程度是从模型的角度而言，并非临床意义上的相似。</translation>
    </message>
    <message>
        <source>How to read this report</source>
        <translation>如何阅读本报告</translation>
    </message>
    <message>
        <source>Red marks what made the model more sure of %1, blue what made it less sure. &quot;Integrated Gradients&quot; compares this case with a neutral one (for pictures %2, for sound %3) and shares the difference in the answer out over the parts of the case; &quot;Occlusion&quot; covers one part at a time and measures how much the answer drops; &quot;Grad-CAM&quot; shows the regions of the picture the model&apos;s image layers responded to most. These maps show what the model used, not what is medically relevant: a highlighted region was used by the model, which does not make it a finding.</source>
        <translation>红色标出使模型更确信 %1 的部分，蓝色标出使其不那么确信的部分。“积分梯度”将本病例与一个中性病例（对于图像是%2，对于声音是%3）进行比较，并将回答上的差异分配到本病例的各个部分；“遮挡”每次遮盖一个部分，并测量回答因此下降了多少；“Grad-CAM”显示模型的图像层反应最强烈的图像区域。这些图显示的是模型使用了什么，而不是什么在医学上具有意义：某个区域被突出显示，只说明模型使用了它，并不代表它是一项医学发现。</translation>
    </message>
    <message>
        <source>the average training picture</source>
        <translation>训练图像的平均图像</translation>
    </message>
    <message>
        <source>a blurred copy of the picture</source>
        <translation>该图像的模糊版本</translation>
    </message>
    <message>
        <source>a black picture</source>
        <translation>一张全黑图像</translation>
    </message>
    <message>
        <source>silence</source>
        <translation>静音</translation>
    </message>
    <message>
        <source>the recording&apos;s own background level</source>
        <translation>该录音自身的背景音量</translation>
    </message>
    <message>
        <source>For the technical reader: attributions explain the model&apos;s %1; the Integrated Gradients add up to %2 (expected %3, %4 steps).</source>
        <translation>供技术读者参考：归因解释的是模型的 %1；积分梯度的总和为 %2（预期为 %3，共 %4 步）。</translation>
    </message>
    <message>
        <source>Note: </source>
        <translation>注：</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Render the window after loading to FILE.png and exit.</source>
        <translation>加载后将窗口渲染为 FILE.png 并退出。</translation>
    </message>
    <message>
        <source>Select this node after loading (e.g. for screenshots).</source>
        <translation>加载后选中此节点（例如用于截图）。</translation>
    </message>
    <message>
        <source>Start training after loading; with --screenshot, capture after N epochs, then stop the run.</source>
        <translation>加载后开始训练；与 --screenshot 同用时，在 N 轮后截图，然后停止运行。</translation>
    </message>
    <message>
        <source>Epochs for --train (default: the project&apos;s).</source>
        <translation>--train 的训练轮数（默认：项目中的设置）。</translation>
    </message>
    <message>
        <source>Show the project&apos;s latest run, evaluate its test split and open its most confused cell.</source>
        <translation>显示项目的最近一次运行，评估其测试集，并打开混淆最严重的单元格。</translation>
    </message>
    <message>
        <source>With --latest-run: show this evaluation tab (confusion, classes, curves, robustness, calibration).</source>
        <translation>与 --latest-run 同用：显示此评估选项卡（confusion、classes、curves、robustness、calibration）。</translation>
    </message>
    <message>
        <source>Show this dataset row (0-based) in the browser.</source>
        <translation>在数据集浏览器中显示数据集的这一行（从 0 开始计数）。</translation>
    </message>
    <message>
        <source>Explain this dataset row (0-based) with the latest trained model and show the Explain page.</source>
        <translation>使用最近训练的模型解释数据集的这一行（从 0 开始计数），并显示“解释”页面。</translation>
    </message>
    <message>
        <source>With --explain: the method shown (integrated_gradients, gradcam, occlusion, smoothgrad, saliency).</source>
        <translation>与 --explain 同用：要显示的方法（integrated_gradients、gradcam、occlusion、smoothgrad、saliency）。</translation>
    </message>
    <message>
        <source>With --explain: also write the case report to FILE.pdf.</source>
        <translation>与 --explain 同用：同时将病例报告写入 FILE.pdf。</translation>
    </message>
    <message>
        <source>The interface and report language for this start: en, zh_CN (default: the one chosen in View › Language, else the system&apos;s).</source>
        <translation>本次启动使用的界面和报告语言：en、zh_CN（默认：在“视图 › 语言”中选择的语言，未选择时使用系统语言）。</translation>
    </message>
    <message>
        <source>Desktop workbench for multimodal deep learning</source>
        <translation>多模态深度学习桌面工作台</translation>
    </message>
    <message>
        <source>Show this page after loading: start, model, data, training or explain.</source>
        <translation>加载后显示此页面：start、model、data、training 或 explain。</translation>
    </message>
    <message>
        <source>Project file (.fbproj) to open; without one, the Start page</source>
        <translation>要打开的项目文件（.fbproj）；不指定时显示开始页</translation>
    </message>
    <message>
        <source>The colours for this start: light or dark (default: the one chosen in View › Theme, else the system&apos;s).</source>
        <translation>本次启动的配色：light 或 dark（默认：视图 › 主题中选择的配色，否则跟随系统）。</translation>
    </message>
</context>
<context>
    <name>DatasetTerms</name>
    <message>
        <source>train</source>
        <comment>dataset split</comment>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <comment>dataset split: validation</comment>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <comment>dataset split</comment>
        <translation>测试</translation>
    </message>
    <message>
        <source>image</source>
        <comment>column role</comment>
        <translation>图像</translation>
    </message>
    <message>
        <source>audio</source>
        <comment>column role</comment>
        <translation>音频</translation>
    </message>
    <message>
        <source>text</source>
        <comment>column role</comment>
        <translation>文本</translation>
    </message>
    <message>
        <source>numeric</source>
        <comment>column role</comment>
        <translation>数值</translation>
    </message>
    <message>
        <source>categorical</source>
        <comment>column role</comment>
        <translation>类别型</translation>
    </message>
    <message>
        <source>target</source>
        <comment>column role</comment>
        <translation>目标</translation>
    </message>
    <message>
        <source>split</source>
        <comment>column role</comment>
        <translation>划分</translation>
    </message>
    <message>
        <source>id</source>
        <comment>column role</comment>
        <translation>编号</translation>
    </message>
    <message>
        <source>ignored</source>
        <comment>column role</comment>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>EngineMessages</name>
    <message>
        <source>node &apos;%1&apos;, parameter &apos;%2&apos;: </source>
        <translation>节点“%1”，参数“%2”：</translation>
    </message>
    <message>
        <source>node &apos;%1&apos;, port &apos;%2&apos;: </source>
        <translation>节点“%1”，端口“%2”：</translation>
    </message>
    <message>
        <source>node &apos;%1&apos;: </source>
        <translation>节点“%1”：</translation>
    </message>
    <message>
        <source>parameter &apos;%1&apos;: </source>
        <translation>参数“%1”：</translation>
    </message>
    <message>
        <source>port &apos;%1&apos;: </source>
        <translation>端口“%1”：</translation>
    </message>
    <message>
        <source> (expected %1, found %2)</source>
        <translation>（应为 %1，实际为 %2）</translation>
    </message>
    <message>
        <source> (expected %1)</source>
        <translation>（应为 %1）</translation>
    </message>
    <message>
        <source> (found %1)</source>
        <translation>（实际为 %1）</translation>
    </message>
    <message>
        <source>parameter out of range</source>
        <translation>参数超出范围</translation>
    </message>
    <message>
        <source>parameter must be an integer</source>
        <translation>参数必须是整数</translation>
    </message>
    <message>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>parameter must be a number</source>
        <translation>参数必须是数字</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>parameter must be true or false</source>
        <translation>参数必须是 true 或 false</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>parameter must be a string</source>
        <translation>参数必须是字符串</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>parameter must be one of the choices</source>
        <translation>参数必须是可选值之一</translation>
    </message>
    <message>
        <source>not one of the allowed choices</source>
        <translation>不是允许的可选值之一</translation>
    </message>
    <message>
        <source>parameter must be a list of integers</source>
        <translation>参数必须是整数列表</translation>
    </message>
    <message>
        <source>list of integers</source>
        <translation>整数列表</translation>
    </message>
    <message>
        <source>unknown parameter for type &apos;%1&apos;</source>
        <translation>类型“%1”没有这个参数</translation>
    </message>
    <message>
        <source>no parameters</source>
        <translation>无参数</translation>
    </message>
    <message>
        <source>one of %2</source>
        <translation>%2 之一</translation>
    </message>
    <message>
        <source>node id must start with a letter or &apos;_&apos; and hold only letters, digits and &apos;_&apos;</source>
        <translation>节点 ID 必须以字母或“_”开头，且只能包含字母、数字和“_”</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>标识符</translation>
    </message>
    <message>
        <source>two nodes share this id</source>
        <translation>有两个节点使用了这个 ID</translation>
    </message>
    <message>
        <source>unique ids</source>
        <translation>唯一的 ID</translation>
    </message>
    <message>
        <source>unknown node type</source>
        <translation>未知的节点类型</translation>
    </message>
    <message>
        <source>a registered type</source>
        <translation>已注册的类型</translation>
    </message>
    <message>
        <source>only encoder nodes start from another model&apos;s weights or are frozen</source>
        <translation>只有编码器节点可以从其他模型的权重开始，或被冻结</translation>
    </message>
    <message>
        <source>an encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <source>edge %1 names a node that does not exist</source>
        <translation>连线 %1 指向一个不存在的节点</translation>
    </message>
    <message>
        <source>edge %1: no such output port</source>
        <translation>连线 %1：没有这个输出端口</translation>
    </message>
    <message>
        <source>no outputs</source>
        <translation>无输出</translation>
    </message>
    <message>
        <source>edge %1: no such input port</source>
        <translation>连线 %1：没有这个输入端口</translation>
    </message>
    <message>
        <source>no inputs</source>
        <translation>无输入</translation>
    </message>
    <message>
        <source>input port has more than one incoming edge</source>
        <translation>输入端口有不止一条传入连线</translation>
    </message>
    <message>
        <source>one edge</source>
        <translation>一条连线</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <source>the graph has a cycle through nodes %1</source>
        <translation>图中存在经过节点 %1 的环</translation>
    </message>
    <message>
        <source>a directed acyclic graph</source>
        <translation>有向无环图</translation>
    </message>
    <message>
        <source>a cycle</source>
        <translation>环</translation>
    </message>
    <message>
        <source>required input port is not connected</source>
        <translation>必需的输入端口未连接</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空</translation>
    </message>
    <message>
        <source>inputs of a variadic port must be numbered from 0 without gaps</source>
        <translation>可变端口的输入必须从 0 开始连续编号</translation>
    </message>
    <message>
        <source>highest index %3</source>
        <translation>最大编号 %3</translation>
    </message>
    <message>
        <source>too few inputs connected</source>
        <translation>连接的输入太少</translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>too many inputs connected</source>
        <translation>连接的输入太多</translation>
    </message>
    <message>
        <source>at most %1</source>
        <translation>至多 %1</translation>
    </message>
    <message>
        <source>the graph has no head (classification, multi-label or regression)</source>
        <translation>图中没有输出头（分类、多标签或回归）</translation>
    </message>
    <message>
        <source>one head</source>
        <translation>一个输出头</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>the graph has several heads: %1</source>
        <translation>图中有多个输出头：%1</translation>
    </message>
    <message>
        <source>input from %1 has the wrong kind for this node</source>
        <translation>来自 %1 的输入类型不适用于此节点</translation>
    </message>
    <message>
        <source>spectrogram too small for %1 pooling stages</source>
        <translation>频谱图太小，不够 %1 级池化</translation>
    </message>
    <message>
        <source>mel bands and frames &gt;= %2</source>
        <translation>梅尔频带数和帧数 &gt;= %2</translation>
    </message>
    <message>
        <source>waveform too short for the first kernel, stride, depth and pooling</source>
        <translation>波形太短，不足以进行第一层卷积核、步幅、深度和池化</translation>
    </message>
    <message>
        <source>more samples</source>
        <translation>更多采样点</translation>
    </message>
    <message>
        <source>the outer product is too large; reduce the input sizes or use low-rank tensor fusion</source>
        <translation>外积太大；请减小输入尺寸，或改用低秩张量融合</translation>
    </message>
    <message>
        <source>at most %1 values</source>
        <translation>至多 %1 个值</translation>
    </message>
    <message>
        <source>more</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>all inputs must have the same size for this fusion (add a Linear block)</source>
        <translation>这种融合要求所有输入大小相同（可添加一个 Linear 块）</translation>
    </message>
    <message>
        <source>heads must divide %1 (%2)</source>
        <translation>heads 必须能整除 %1（%2）</translation>
    </message>
    <message>
        <source>logits from late fusion must match the head&apos;s %1</source>
        <translation>后期融合的 logits 必须与输出头的 %1 一致</translation>
    </message>
    <message>
        <source>a head fed with logits cannot have hidden layers</source>
        <translation>以 logits 为输入的输出头不能有隐藏层</translation>
    </message>
    <message>
        <source>an MLP needs at least one layer</source>
        <translation>MLP 至少需要一层</translation>
    </message>
    <message>
        <source>input too small for %1 pooling stages</source>
        <translation>输入太小，不够 %1 级池化</translation>
    </message>
    <message>
        <source>height and width &gt;= %2</source>
        <translation>高和宽 &gt;= %2</translation>
    </message>
    <message>
        <source>the dataset field &apos;%1&apos; has the wrong kind for this input</source>
        <translation>数据集字段“%1”的类型不适用于此输入</translation>
    </message>
    <message>
        <source>n_fft is longer than the clip (%1 samples)</source>
        <translation>n_fft 比音频片段更长（%1 个采样点）</translation>
    </message>
    <message>
        <source>f_max must be above f_min</source>
        <translation>f_max 必须大于 f_min</translation>
    </message>
    <message>
        <source>a tabular input needs at least one numeric or categorical column</source>
        <translation>表格输入至少需要一个数值列或类别列</translation>
    </message>
    <message>
        <source>the MLP needs at least one hidden layer</source>
        <translation>MLP 至少需要一个隐藏层</translation>
    </message>
    <message>
        <source>layer normalization of a single numeric column always gives 0</source>
        <translation>对单个数值列做层归一化结果总是 0</translation>
    </message>
    <message>
        <source>heads must divide dim (%1)</source>
        <translation>heads 必须能整除 dim（%1）</translation>
    </message>
    <message>
        <source>choose a TorchScript file (.pt, saved with torch.jit.save)</source>
        <translation>请选择一个 TorchScript 文件（.pt，用 torch.jit.save 保存）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; normalization is for RGB images: set the image input&apos;s channels to 3</source>
        <translation>“%1”归一化用于 RGB 图像：请将图像输入的通道数设为 3</translation>
    </message>
    <message>
        <source>3 channels</source>
        <translation>3 个通道</translation>
    </message>
    <message>
        <source>3,200 samples: Fashion-MNIST pictures, the class name spoken by espeak-ng, and a noisy product title (about 70 MB)</source>
        <translation>3,200 个样本：Fashion-MNIST 图片、由 espeak-ng 朗读的类别名称，以及带噪声的商品标题（约 70 MB）</translation>
    </message>
    <message>
        <source>70,000 Fashion-MNIST pictures: 55,000 for training, 5,000 for validation, the official 10,000 for testing (a few minutes to write)</source>
        <translation>70,000 张 Fashion-MNIST 图片：55,000 张用于训练，5,000 张用于验证，官方的 10,000 张用于测试（写入需要几分钟）</translation>
    </message>
    <message>
        <source>12,000 other Fashion-MNIST pictures, for pretraining the example&apos;s image encoder</source>
        <translation>另外 12,000 张 Fashion-MNIST 图片，用于预训练示例的图像编码器</translation>
    </message>
    <message>
        <source>paths of image files (read from the first one)</source>
        <translation>图像文件的路径（读取了第一个文件）</translation>
    </message>
    <message>
        <source>paths of audio files (read from the first one)</source>
        <translation>音频文件的路径（读取了第一个文件）</translation>
    </message>
    <message>
        <source>paths ending in an image extension (no file found to read)</source>
        <translation>以图像扩展名结尾的路径（没有找到可读取的文件）</translation>
    </message>
    <message>
        <source>paths ending in an audio extension (no file found to read)</source>
        <translation>以音频扩展名结尾的路径（没有找到可读取的文件）</translation>
    </message>
    <message>
        <source>every cell is empty</source>
        <translation>所有单元格都为空</translation>
    </message>
    <message>
        <source>split names (train, val, test)</source>
        <translation>划分名称（train、val、test）</translation>
    </message>
    <message>
        <source>a different value on every row</source>
        <translation>每一行的值都不同</translation>
    </message>
    <message>
        <source>two numbers only (a yes/no value)</source>
        <translation>只有两个数值（是/否值）</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>free text (words with spaces)</source>
        <translation>自由文本（以空格分隔的词）</translation>
    </message>
    <message>
        <source>a few values that repeat</source>
        <translation>少数几个重复出现的值</translation>
    </message>
    <message>
        <source>short text with many different values</source>
        <translation>取值众多的短文本</translation>
    </message>
    <message>
        <source>the target, by its name or place: numbers with many values (regression)</source>
        <translation>按名称或位置判定为目标：取值众多的数值（回归）</translation>
    </message>
    <message>
        <source>the target, by its name or place: several labels per row (multi-label)</source>
        <translation>按名称或位置判定为目标：每行多个标签（多标签）</translation>
    </message>
    <message>
        <source>the target, by its name or place: one class per row</source>
        <translation>按名称或位置判定为目标：每行一个类别</translation>
    </message>
</context>
<context>
    <name>ExplainPainting</name>
    <message>
        <source>Integrated Gradients</source>
        <translation>积分梯度</translation>
    </message>
    <message>
        <source>Occlusion</source>
        <translation>遮挡</translation>
    </message>
    <message>
        <source>Saliency (gradient)</source>
        <translation>显著性（梯度）</translation>
    </message>
    <message>
        <source>image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>values</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>against (−%1)</source>
        <translation>不支持（−%1）</translation>
    </message>
    <message>
        <source>for (+%1)</source>
        <translation>支持（+%1）</translation>
    </message>
    <message>
        <source>%1 (strongest)</source>
        <translation>%1（最强）</translation>
    </message>
    <message>
        <source>n/a (see Occlusion)</source>
        <translation>不适用（请参见“遮挡”）</translation>
    </message>
    <message>
        <source>output %1: %2</source>
        <translation>输出 %1：%2</translation>
    </message>
    <message>
        <source>  (true)</source>
        <translation>  （真实类别）</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>similarity %1</source>
        <translation>相似度 %1</translation>
    </message>
</context>
<context>
    <name>ExplanationSentences</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&apos;%1&apos;</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>The model is unsure: it gives %1 %2 and %3 %4.</source>
        <translation>模型不确定：它给 %1 的概率为 %2，给 %3 的概率为 %4。</translation>
    </message>
    <message>
        <source>%1 ± %2</source>
        <translation>%1 ± %2</translation>
    </message>
    <message>
        <source>%1 of %2 separately trained models answer %3 (on average %4).</source>
        <translation>在 %2 个分别训练的模型中，有 %1 个回答为 %3（平均 %4）。</translation>
    </message>
    <message>
        <source>Asked %1 times with parts of the model switched off at random, it answers %2 in %3 of %4 (probability %5).</source>
        <translation>在随机关闭模型部分结构的情况下重复询问 %1 次，%4 次中有 %3 次回答为 %2（概率 %5）。</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About Fusebench</source>
        <translation>关于 Fusebench(&amp;A)</translation>
    </message>
    <message>
        <source>About Fusebench</source>
        <translation>关于 Fusebench</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
</context>
<context>
    <name>NodeCatalogue</name>
    <message>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Image encoders</source>
        <translation>图像编码器</translation>
    </message>
    <message>
        <source>Text encoders</source>
        <translation>文本编码器</translation>
    </message>
    <message>
        <source>Audio encoders</source>
        <translation>音频编码器</translation>
    </message>
    <message>
        <source>Tabular encoders</source>
        <translation>表格数值编码器</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>输出头</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Image input</source>
        <translation>图像输入</translation>
    </message>
    <message>
        <source>An image per sample, C x H x W after preprocessing.</source>
        <translation>每个样本一张图像，预处理后为 C x H x W。</translation>
    </message>
    <message>
        <source>Image batch [B, C, H, W] with a present mask</source>
        <translation>图像批次 [B, C, H, W]，附带存在性掩码</translation>
    </message>
    <message>
        <source>Dataset field (column) this input reads</source>
        <translation>此输入读取的数据集字段（列）</translation>
    </message>
    <message>
        <source>Colour channels (1 gray, 3 RGB)</source>
        <translation>颜色通道数（1 为灰度，3 为 RGB）</translation>
    </message>
    <message>
        <source>Height in pixels after preprocessing</source>
        <translation>预处理后的高度（像素）</translation>
    </message>
    <message>
        <source>Width in pixels after preprocessing</source>
        <translation>预处理后的宽度（像素）</translation>
    </message>
    <message>
        <source>Fit to height x width: stretch, or scale the shorter side and crop the centre</source>
        <translation>适配到高 x 宽的方式：拉伸，或按短边缩放后居中裁剪</translation>
    </message>
    <message>
        <source>Subtract the training split&apos;s per-channel mean, divide by its std</source>
        <translation>减去训练集各通道的均值，再除以其标准差</translation>
    </message>
    <message>
        <source>Grayscale DICOM: the modality values the model sees (CT presets in HU, or the file&apos;s own window) stretched over [0, 1]; other images are unchanged</source>
        <translation>灰度 DICOM：将模型所见的模态值范围（CT 预设以 HU 为单位，或采用文件自带的窗宽窗位）拉伸到 [0, 1]；其他图像保持不变</translation>
    </message>
    <message>
        <source>Multi-frame DICOM: the frame the model sees (0 = the first)</source>
        <translation>多帧 DICOM：模型所见的帧（0 = 第一帧）</translation>
    </message>
    <message>
        <source>Text input</source>
        <translation>文本输入</translation>
    </message>
    <message>
        <source>Token ids per sample (0 = padding, 1 = unknown) with a token mask; how a text becomes tokens is the tokenizer parameter.</source>
        <translation>每个样本的词元 ID（0 = 填充，1 = 未知），附带词元掩码；文本如何转换为词元由 tokenizer 参数决定。</translation>
    </message>
    <message>
        <source>Token ids [B, L] with a token mask and a present mask</source>
        <translation>词元 id [B, L]，附带词元掩码和存在掩码</translation>
    </message>
    <message>
        <source>Tokens per sample after padding/cropping</source>
        <translation>填充/截断后每个样本的词元数</translation>
    </message>
    <message>
        <source>Vocabulary size including padding and unknown</source>
        <translation>词表大小（含填充词元和未知词元）</translation>
    </message>
    <message>
        <source>Words seen fewer times in the training split become unknown</source>
        <translation>在训练集中出现次数少于此值的词将视为未知词</translation>
    </message>
    <message>
        <source>words: ICU word segmentation (Chinese, Japanese and Thai by dictionary), NFKC and case folded; characters: one token per character; subwords: a SentencePiece model learned from the training split; sentencepiece / wordpiece: a pretrained model&apos;s vocabulary_file</source>
        <translation>words：ICU 分词（中文、日文和泰文按词典切分），并做 NFKC 规范化和大小写折叠；characters：每个字符一个词元；subwords：从训练集学习的 SentencePiece 模型；sentencepiece / wordpiece：预训练模型的 vocabulary_file</translation>
    </message>
    <message>
        <source>The SentencePiece algorithm for &apos;subwords&apos;</source>
        <translation>“subwords”使用的 SentencePiece 算法</translation>
    </message>
    <message>
        <source>A pretrained vocabulary (SentencePiece .model or BERT vocab.txt), relative to the project file</source>
        <translation>预训练词表（SentencePiece .model 或 BERT vocab.txt），路径相对于项目文件</translation>
    </message>
    <message>
        <source>Audio input</source>
        <translation>音频输入</translation>
    </message>
    <message>
        <source>Mono audio per sample, as a waveform or as a log-mel spectrogram (n_mels x frames).</source>
        <translation>每个样本一段单声道音频，以波形或对数梅尔频谱图（n_mels × 帧）的形式提供。</translation>
    </message>
    <message>
        <source>Waveform [B, T] or log-mel [B, M, F]</source>
        <translation>波形 [B, T] 或对数梅尔 [B, M, F]</translation>
    </message>
    <message>
        <source>What the model sees</source>
        <translation>模型接收的输入形式</translation>
    </message>
    <message>
        <source>Samples per second after resampling</source>
        <translation>重采样后的每秒采样数</translation>
    </message>
    <message>
        <source>Fixed length (padded or cropped)</source>
        <translation>固定长度（不足则填充，超出则截断）</translation>
    </message>
    <message>
        <source>Mel bands (log-mel only)</source>
        <translation>梅尔频带数（仅对数梅尔）</translation>
    </message>
    <message>
        <source>Samples between frames (log-mel only)</source>
        <translation>帧间隔采样数（仅对数梅尔）</translation>
    </message>
    <message>
        <source>FFT size and window length (log-mel only)</source>
        <translation>FFT 大小和窗长（仅对数梅尔）</translation>
    </message>
    <message>
        <source>Lowest mel frequency in Hz (log-mel only)</source>
        <translation>最低梅尔频率，单位 Hz（仅对数梅尔）</translation>
    </message>
    <message>
        <source>Highest mel frequency in Hz; 0 = half the sample rate</source>
        <translation>最高梅尔频率，单位 Hz；0 表示采样率的一半</translation>
    </message>
    <message>
        <source>Tabular input</source>
        <translation>表格输入</translation>
    </message>
    <message>
        <source>Numeric values [N] and categorical ids [K] per sample, from every numeric and categorical column of the dataset; the categorical batch is &apos;&lt;field&gt;.categorical&apos;.</source>
        <translation>每个样本的数值 [N] 和类别 id [K]，取自数据集中所有数值列和类别列；类别批次为“&lt;field&gt;.categorical”。</translation>
    </message>
    <message>
        <source>Numeric [B, N] plus categorical ids [B, K]</source>
        <translation>数值 [B, N] 加类别 id [B, K]</translation>
    </message>
    <message>
        <source>Numeric columns</source>
        <translation>数值列</translation>
    </message>
    <message>
        <source>Cardinality of each categorical column</source>
        <translation>各类别列的基数</translation>
    </message>
    <message>
        <source>Standardize numeric columns with the training split&apos;s mean and std</source>
        <translation>使用训练集的均值和标准差对数值列进行标准化</translation>
    </message>
    <message>
        <source>Small CNN</source>
        <translation>小型 CNN</translation>
    </message>
    <message>
        <source>Stages of 3x3 convolution, optional batch norm, ReLU and 2x2 pooling; channels double per stage.</source>
        <translation>由多个阶段组成，每个阶段包含 3x3 卷积、可选的批归一化、ReLU 和 2x2 池化；每个阶段通道数翻倍。</translation>
    </message>
    <message>
        <source>Images [B, C, H, W]</source>
        <translation>图像 [B, C, H, W]</translation>
    </message>
    <message>
        <source>One feature vector per image</source>
        <translation>每张图像一个特征向量</translation>
    </message>
    <message>
        <source>One token per feature-map position, for attention fusion</source>
        <translation>特征图的每个位置一个词元，用于注意力融合</translation>
    </message>
    <message>
        <source>Number of conv stages</source>
        <translation>卷积阶段数</translation>
    </message>
    <message>
        <source>Channels of the first stage</source>
        <translation>第一阶段的通道数</translation>
    </message>
    <message>
        <source>Batch normalization after each convolution</source>
        <translation>每次卷积后进行批归一化</translation>
    </message>
    <message>
        <source>Pooling after each stage</source>
        <translation>每个阶段后的池化方式</translation>
    </message>
    <message>
        <source>Project features to this size (0 = no projection)</source>
        <translation>将特征投影到此维度（0 = 不投影）</translation>
    </message>
    <message>
        <source>VGG-style CNN</source>
        <translation>VGG 风格 CNN</translation>
    </message>
    <message>
        <source>VGG-style stages: several 3x3 convolutions then 2x2 max pooling; channels double per stage (max 512).</source>
        <translation>VGG 风格的阶段：若干个 3x3 卷积后接 2x2 最大池化；每个阶段通道数翻倍（最多 512）。</translation>
    </message>
    <message>
        <source>Number of stages</source>
        <translation>阶段数</translation>
    </message>
    <message>
        <source>Convolutions per stage</source>
        <translation>每个阶段的卷积数</translation>
    </message>
    <message>
        <source>ResNet-style CNN</source>
        <translation>ResNet 风格 CNN</translation>
    </message>
    <message>
        <source>A 3x3 stem and stages of ResNet basic blocks; each stage after the first halves the resolution and doubles the channels.</source>
        <translation>一个 3x3 stem 层加若干由 ResNet 基本模块组成的阶段；第一阶段之后的每个阶段将分辨率减半、通道数翻倍。</translation>
    </message>
    <message>
        <source>Basic blocks per stage</source>
        <translation>每个阶段的基本模块数</translation>
    </message>
    <message>
        <source>Bag of embeddings</source>
        <translation>词袋嵌入</translation>
    </message>
    <message>
        <source>Word embeddings averaged over the real tokens: fast and order-free.</source>
        <translation>对实际词元的词嵌入取平均：速度快，且与词序无关。</translation>
    </message>
    <message>
        <source>Token ids [B, L] with a token mask</source>
        <translation>词元 id [B, L]，附带词元掩码</translation>
    </message>
    <message>
        <source>Mean over the real tokens</source>
        <translation>实际词元的平均值</translation>
    </message>
    <message>
        <source>One vector per token (padding zeroed), with the token mask</source>
        <translation>每个词元一个向量（填充位置置零），附带词元掩码</translation>
    </message>
    <message>
        <source>Embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <source>Embedding + LSTM/GRU</source>
        <translation>嵌入 + LSTM/GRU</translation>
    </message>
    <message>
        <source>Word embeddings read by a (bidirectional) LSTM or GRU over the real tokens; features are the mean of its outputs.</source>
        <translation>由（双向）LSTM 或 GRU 读取实际词元的词嵌入；特征为其输出的平均值。</translation>
    </message>
    <message>
        <source>Recurrent cell</source>
        <translation>循环单元</translation>
    </message>
    <message>
        <source>Hidden size per direction</source>
        <translation>每个方向的隐藏层大小</translation>
    </message>
    <message>
        <source>Stacked recurrent layers</source>
        <translation>堆叠的循环层数</translation>
    </message>
    <message>
        <source>Read the text in both directions</source>
        <translation>双向读取文本</translation>
    </message>
    <message>
        <source>Dropout between stacked layers</source>
        <translation>堆叠层之间的 dropout</translation>
    </message>
    <message>
        <source>Transformer encoder</source>
        <translation>Transformer 编码器</translation>
    </message>
    <message>
        <source>Word plus learned position embeddings through a small Transformer encoder (post-norm, ReLU).</source>
        <translation>词嵌入加可学习的位置嵌入，经过一个小型 Transformer 编码器（post-norm，ReLU）。</translation>
    </message>
    <message>
        <source>Attention heads (must divide dim)</source>
        <translation>注意力头数（须能整除 dim）</translation>
    </message>
    <message>
        <source>Encoder layers</source>
        <translation>编码器层数</translation>
    </message>
    <message>
        <source>Feed-forward size</source>
        <translation>前馈层大小</translation>
    </message>
    <message>
        <source>Dropout inside the encoder</source>
        <translation>编码器内部的 dropout</translation>
    </message>
    <message>
        <source>Spectrogram CNN</source>
        <translation>频谱图 CNN</translation>
    </message>
    <message>
        <source>A 2D CNN over the log-mel spectrogram (mel bands x frames); tokens are time steps.</source>
        <translation>作用于对数梅尔频谱图（梅尔频带 × 帧）的二维 CNN；每个时间步为一个词元。</translation>
    </message>
    <message>
        <source>Log-mel spectrograms [B, M, F]</source>
        <translation>对数梅尔频谱图 [B, M, F]</translation>
    </message>
    <message>
        <source>One feature vector per recording</source>
        <translation>每段录音一个特征向量</translation>
    </message>
    <message>
        <source>One token per time step</source>
        <translation>每个时间步一个词元</translation>
    </message>
    <message>
        <source>Waveform CNN</source>
        <translation>波形 CNN</translation>
    </message>
    <message>
        <source>A 1D CNN over raw samples: a wide strided first convolution, then 3-tap conv blocks with pooling.</source>
        <translation>作用于原始采样的一维 CNN：首先是一个宽核、大步长的卷积，然后是带池化的 3 抽头卷积模块。</translation>
    </message>
    <message>
        <source>Waveforms [B, T]</source>
        <translation>波形 [B, T]</translation>
    </message>
    <message>
        <source>Conv blocks after the first convolution</source>
        <translation>第一个卷积之后的卷积模块数</translation>
    </message>
    <message>
        <source>Channels of the first convolution</source>
        <translation>第一个卷积的通道数</translation>
    </message>
    <message>
        <source>Kernel of the first convolution, in samples</source>
        <translation>第一个卷积的卷积核大小（以采样数计）</translation>
    </message>
    <message>
        <source>Stride of the first convolution</source>
        <translation>第一个卷积的步长</translation>
    </message>
    <message>
        <source>Max-pool factor per block</source>
        <translation>每个模块的最大池化倍数</translation>
    </message>
    <message>
        <source>Tabular MLP</source>
        <translation>表格 MLP</translation>
    </message>
    <message>
        <source>Numeric columns normalized, categorical columns embedded, all concatenated through an MLP.</source>
        <translation>数值列经归一化、类别列经嵌入后全部拼接，再通过一个 MLP。</translation>
    </message>
    <message>
        <source>Numeric [B, N] and categorical ids [B, K]</source>
        <translation>数值 [B, N] 和类别 id [B, K]</translation>
    </message>
    <message>
        <source>One feature vector per row</source>
        <translation>每行一个特征向量</translation>
    </message>
    <message>
        <source>Normalization of numeric columns</source>
        <translation>数值列的归一化方式</translation>
    </message>
    <message>
        <source>Embedding size of each categorical column</source>
        <translation>每个类别列的嵌入维度</translation>
    </message>
    <message>
        <source>Hidden layer sizes (ReLU after each)</source>
        <translation>各隐藏层大小（每层后接 ReLU）</translation>
    </message>
    <message>
        <source>Dropout after each hidden layer</source>
        <translation>每个隐藏层之后的 dropout</translation>
    </message>
    <message>
        <source>TorchScript image encoder</source>
        <translation>TorchScript 图像编码器</translation>
    </message>
    <message>
        <source>A pretrained image backbone from a TorchScript file (tools/torchscript/convert_torchvision.py makes one from torchvision). It receives [B, C, H, W] images; for ImageNet weights turn the image input&apos;s normalize off and pick the &apos;imagenet&apos; normalization here. The file&apos;s code runs with your rights: use only files you trust.</source>
        <translation>来自 TorchScript 文件的预训练图像骨干网络（可用 tools/torchscript/convert_torchvision.py 从 torchvision 生成）。它接收 [B, C, H, W] 图像；若使用 ImageNet 权重，请关闭图像输入节点的 normalize，并在此处选择“imagenet”归一化。该文件中的代码以您的权限运行：请仅使用您信任的文件。</translation>
    </message>
    <message>
        <source>One vector per sample (pooled when the script gives a map or sequence)</source>
        <translation>每个样本一个向量（若脚本输出特征图或序列，则进行池化）</translation>
    </message>
    <message>
        <source>The script&apos;s sequence or feature-map positions, for attention fusion</source>
        <translation>脚本输出的序列位置或特征图位置，用于注意力融合</translation>
    </message>
    <message>
        <source>TorchScript file (torch.jit.script/trace + save); relative to the project file</source>
        <translation>TorchScript 文件（torch.jit.script/trace + save）；路径相对于项目文件</translation>
    </message>
    <message>
        <source>Which part of the result: empty for a tensor, an index for a tuple, a key for a dict</source>
        <translation>取结果的哪一部分：张量留空，元组填索引，字典填键名</translation>
    </message>
    <message>
        <source>Per-channel (x - mean) / std the backbone was trained with, on images in [0, 1]</source>
        <translation>骨干网络训练时使用的逐通道 (x - mean) / std，作用于取值范围为 [0, 1] 的图像</translation>
    </message>
    <message>
        <source>TorchScript text encoder</source>
        <translation>TorchScript 文本编码器</translation>
    </message>
    <message>
        <source>A text encoder from a TorchScript file. It receives the text input&apos;s token ids [B, L] (0 = padding), so it must have been trained on that vocabulary: a pretrained model&apos;s own SentencePiece or WordPiece vocabulary (the text input&apos;s tokenizer = sentencepiece / wordpiece with its vocabulary_file), or a model exported from Fusebench. The file&apos;s code runs with your rights: use only files you trust.</source>
        <translation>来自 TorchScript 文件的文本编码器。它接收文本输入节点的词元 id [B, L]（0 = 填充），因此必须是基于同一词表训练的：即预训练模型自带的 SentencePiece 或 WordPiece 词表（文本输入的分词器设为 sentencepiece / wordpiece，并指定其 vocabulary_file），或从 Fusebench 导出的模型。该文件中的代码以您的权限运行：请仅使用您信任的文件。</translation>
    </message>
    <message>
        <source>Call forward(ids, mask) with the mask as 0/1 int64</source>
        <translation>调用 forward(ids, mask)，掩码为 0/1 int64</translation>
    </message>
    <message>
        <source>TorchScript audio encoder</source>
        <translation>TorchScript 音频编码器</translation>
    </message>
    <message>
        <source>A pretrained spectrogram encoder from a TorchScript file, fed the log-mel input. The file&apos;s code runs with your rights: use only files you trust.</source>
        <translation>从 TorchScript 文件加载的预训练频谱图编码器，输入为对数梅尔特征。该文件中的代码将以您的权限运行：请只使用您信任的文件。</translation>
    </message>
    <message>
        <source>Log-mel spectrograms [B, M, T]</source>
        <translation>对数梅尔频谱图 [B, M, T]</translation>
    </message>
    <message>
        <source>How the script takes the spectrogram: [B, 1, M, T], [B, M, T] or [B, T, M]</source>
        <translation>脚本接收频谱图的形状：[B, 1, M, T]、[B, M, T] 或 [B, T, M]</translation>
    </message>
    <message>
        <source>Concatenation</source>
        <translation>拼接</translation>
    </message>
    <message>
        <source>Concatenates the modality vectors (missing ones as zeros).</source>
        <translation>拼接各模态的向量（缺失的模态以零填充）。</translation>
    </message>
    <message>
        <source>Modality feature vectors, in order</source>
        <translation>各模态的特征向量，按顺序排列</translation>
    </message>
    <message>
        <source>Fused features</source>
        <translation>融合后的特征</translation>
    </message>
    <message>
        <source>Training only: probability of dropping each whole modality of a sample (one always stays)</source>
        <translation>仅用于训练：对每个样本丢弃整个模态的概率（始终至少保留一个模态）</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>求和</translation>
    </message>
    <message>
        <source>Adds modality vectors of equal size (missing ones contribute nothing).</source>
        <translation>将大小相同的各模态向量相加（缺失的模态不参与计算）。</translation>
    </message>
    <message>
        <source>Learned weighted sum</source>
        <translation>学习加权求和</translation>
    </message>
    <message>
        <source>Sum of equal-size modality vectors with learned softmax weights (renormalized over the present modalities); the weights are readable after training.</source>
        <translation>以学习得到的 softmax 权重对大小相同的各模态向量加权求和（在存在的模态上重新归一化）；训练后可查看这些权重。</translation>
    </message>
    <message>
        <source>Gated multimodal unit</source>
        <translation>门控多模态单元</translation>
    </message>
    <message>
        <source>Each modality is projected with tanh; learned gates, computed from all modalities, mix them per output unit (Arevalo et al. 2017).</source>
        <translation>每个模态先经 tanh 投影；由所有模态共同计算出的学习门控按输出单元对其进行混合（Arevalo 等，2017）。</translation>
    </message>
    <message>
        <source>Output size</source>
        <translation>输出大小</translation>
    </message>
    <message>
        <source>FiLM conditioning</source>
        <translation>FiLM 条件调制</translation>
    </message>
    <message>
        <source>The conditioning modalities scale and shift x per feature: (1 + gamma) * x + beta (Perez et al. 2018). x may be features or tokens.</source>
        <translation>条件模态按特征对 x 进行缩放和平移：(1 + gamma) * x + beta（Perez 等，2018）。x 可以是特征或词元。</translation>
    </message>
    <message>
        <source>The modulated modality</source>
        <translation>被调制的模态</translation>
    </message>
    <message>
        <source>Conditioning modalities</source>
        <translation>条件模态</translation>
    </message>
    <message>
        <source>x modulated; same shape as x</source>
        <translation>调制后的 x，形状与 x 相同</translation>
    </message>
    <message>
        <source>Tensor fusion</source>
        <translation>张量融合</translation>
    </message>
    <message>
        <source>Outer product of [x_i; 1] over all modalities, flattened (Zadeh et al. 2017); optionally projected. Size grows as the product of the input sizes.</source>
        <translation>对所有模态的 [x_i; 1] 求外积并展平（Zadeh 等，2017），可选择再做投影。大小随各输入大小的乘积增长。</translation>
    </message>
    <message>
        <source>Project the fused tensor to this size (0 = no projection)</source>
        <translation>将融合后的张量投影到此大小（0 = 不投影）</translation>
    </message>
    <message>
        <source>Low-rank tensor fusion</source>
        <translation>低秩张量融合</translation>
    </message>
    <message>
        <source>Tensor fusion with the weight factorised into rank-r modality factors (Liu et al. 2018).</source>
        <translation>将权重分解为秩为 r 的各模态因子的张量融合（Liu 等，2018）。</translation>
    </message>
    <message>
        <source>Rank of the factorisation</source>
        <translation>分解的秩</translation>
    </message>
    <message>
        <source>Bilinear pooling (MFB)</source>
        <translation>双线性池化（MFB）</translation>
    </message>
    <message>
        <source>Multi-modal factorized bilinear pooling (Yu et al. 2017): projected modalities multiplied elementwise, sum-pooled by factor k, signed square root, L2 normalization.</source>
        <translation>多模态因子分解双线性池化（Yu 等，2017）：各模态投影后逐元素相乘，按因子 k 求和池化，再做带符号平方根和 L2 归一化。</translation>
    </message>
    <message>
        <source>Factor k (sum-pool window)</source>
        <translation>因子 k（求和池化窗口）</translation>
    </message>
    <message>
        <source>Dropout on the elementwise product</source>
        <translation>逐元素乘积上的 dropout</translation>
    </message>
    <message>
        <source>Cross-modal attention</source>
        <translation>跨模态注意力</translation>
    </message>
    <message>
        <source>Queries from one modality attend over the tokens of the others; residual and LayerNorm. The attention weights are kept for explanations.</source>
        <translation>以一个模态作为查询，对其他模态的词元进行注意力计算；带残差连接和 LayerNorm。注意力权重会保留以用于解释。</translation>
    </message>
    <message>
        <source>The attending modality</source>
        <translation>发起注意力的模态</translation>
    </message>
    <message>
        <source>Modalities attended over</source>
        <translation>被关注的模态</translation>
    </message>
    <message>
        <source>Mean of the attended query tokens</source>
        <translation>经注意力处理的查询词元的均值</translation>
    </message>
    <message>
        <source>Attended query tokens</source>
        <translation>经注意力处理的查询词元</translation>
    </message>
    <message>
        <source>Attention heads (must divide the query size)</source>
        <translation>注意力头数（必须能整除查询大小）</translation>
    </message>
    <message>
        <source>Dropout on attention weights</source>
        <translation>注意力权重上的 dropout</translation>
    </message>
    <message>
        <source>Transformer over modality tokens</source>
        <translation>基于模态词元的 Transformer</translation>
    </message>
    <message>
        <source>All modalities as tokens (plus modality embeddings and a [CLS] token) through a Transformer encoder; features are the [CLS] output.</source>
        <translation>将所有模态作为词元（加上模态嵌入和一个 [CLS] 词元）送入 Transformer 编码器；特征取 [CLS] 的输出。</translation>
    </message>
    <message>
        <source>Modalities, as vectors or tokens</source>
        <translation>各模态，可以是向量或词元</translation>
    </message>
    <message>
        <source>The [CLS] output</source>
        <translation>[CLS] 的输出</translation>
    </message>
    <message>
        <source>Every output token, [CLS] first</source>
        <translation>所有输出词元，[CLS] 在首位</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>模型大小</translation>
    </message>
    <message>
        <source>Late fusion</source>
        <translation>后期融合</translation>
    </message>
    <message>
        <source>A linear classifier per modality; logits averaged over the present modalities. Connect its logits to a head.</source>
        <translation>每个模态各有一个线性分类器；logits 在存在的模态上取平均。请将其 logits 连接到输出头。</translation>
    </message>
    <message>
        <source>Averaged class logits</source>
        <translation>平均后的类别 logits</translation>
    </message>
    <message>
        <source>Classes (or outputs) of the head it feeds</source>
        <translation>其所连接输出头的类别数（或输出数）</translation>
    </message>
    <message>
        <source>Classification head</source>
        <translation>分类输出头</translation>
    </message>
    <message>
        <source>Multi-class classification: one logit per class, trained with cross-entropy.</source>
        <translation>多类别分类：每个类别一个 logit，使用交叉熵训练。</translation>
    </message>
    <message>
        <source>Fused features, or logits from late fusion</source>
        <translation>融合后的特征，或来自后期融合的 logits</translation>
    </message>
    <message>
        <source>Raw scores (logits) or values, one per output</source>
        <translation>原始分数（logits）或数值，每个输出一个</translation>
    </message>
    <message>
        <source>Number of outputs</source>
        <translation>输出数量</translation>
    </message>
    <message>
        <source>Hidden layer sizes before the output layer (ReLU)</source>
        <translation>输出层之前各隐藏层的大小（ReLU）</translation>
    </message>
    <message>
        <source>Multi-label head</source>
        <translation>多标签输出头</translation>
    </message>
    <message>
        <source>Multi-label classification: one independent logit per label, trained with BCE-with-logits.</source>
        <translation>多标签分类：每个标签一个独立的 logit，使用 BCE-with-logits 训练。</translation>
    </message>
    <message>
        <source>Regression head</source>
        <translation>回归输出头</translation>
    </message>
    <message>
        <source>Regression: one value per output, trained with MSE or Huber.</source>
        <translation>回归：每个输出一个数值，使用 MSE 或 Huber 损失训练。</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>线性层</translation>
    </message>
    <message>
        <source>A linear layer over the last dimension, with an optional activation.</source>
        <translation>作用于最后一维的线性层，可选激活函数。</translation>
    </message>
    <message>
        <source>Features or tokens</source>
        <translation>特征或词元</translation>
    </message>
    <message>
        <source>Same kind as the input</source>
        <translation>与输入类型相同</translation>
    </message>
    <message>
        <source>Activation after the layer</source>
        <translation>该层之后的激活函数</translation>
    </message>
    <message>
        <source>MLP</source>
        <translation>MLP</translation>
    </message>
    <message>
        <source>Linear layers, each followed by an activation and dropout.</source>
        <translation>若干线性层，每层之后接激活函数和 dropout。</translation>
    </message>
    <message>
        <source>Layer sizes; the last is the output size</source>
        <translation>各层大小；最后一个为输出大小</translation>
    </message>
    <message>
        <source>Activation after each layer</source>
        <translation>每层之后的激活函数</translation>
    </message>
    <message>
        <source>Dropout after each layer</source>
        <translation>每层之后的 dropout</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Zeroes elements at random during training (scaled to keep the expectation).</source>
        <translation>训练时随机将元素置零（并进行缩放以保持期望值不变）。</translation>
    </message>
    <message>
        <source>Drop probability</source>
        <translation>丢弃概率</translation>
    </message>
    <message>
        <source>LayerNorm</source>
        <translation>LayerNorm</translation>
    </message>
    <message>
        <source>Layer normalization over the last dimension, with a learned scale and shift.</source>
        <translation>在最后一维上进行层归一化，带有可学习的缩放和平移。</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 cannot be read as a dataset</source>
        <translation>无法将 %1 作为数据集读取</translation>
    </message>
    <message>
        <source>column &apos;%1&apos;</source>
        <translation>列“%1”</translation>
    </message>
    <message>
        <source>, file &apos;%1&apos;</source>
        <translation>，文件“%1”</translation>
    </message>
    <message>
        <source>this build has no image decoder</source>
        <translation>此版本没有图像解码器</translation>
    </message>
    <message>
        <source>this build has no audio decoder</source>
        <translation>此版本没有音频解码器</translation>
    </message>
    <message>
        <source>No project graph: the model&apos;s preprocessing is not known.</source>
        <translation>没有项目图：无法得知模型的预处理方式。</translation>
    </message>
    <message>
        <source>The project&apos;s inputs do not fit this dataset: </source>
        <translation>项目的输入与此数据集不匹配：</translation>
    </message>
    <message>
        <source>The model has no spectrogram input reading column &apos;%1&apos;.</source>
        <translation>模型中没有读取列“%1”的频谱图输入。</translation>
    </message>
    <message>
        <source>No audio for this sample.</source>
        <translation>此样本没有音频。</translation>
    </message>
    <message>
        <source>Unexpected spectrogram size %1 for %2 mel bands.</source>
        <translation>对于 %2 个梅尔频带，频谱图大小 %1 不符合预期。</translation>
    </message>
    <message>
        <source>log-mel %1 bands × %2 frames, n_fft %3, hop %4 (input node &apos;%5&apos;)</source>
        <translation>对数梅尔 %1 个频带 × %2 帧，n_fft %3，hop %4（输入节点“%5”）</translation>
    </message>
    <message>
        <source>cannot read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Start from the weights of a run or bundle folder (relative to the project); empty = random initialization</source>
        <translation>从某个运行或模型包文件夹（相对于项目）中的权重开始；留空 = 随机初始化</translation>
    </message>
    <message>
        <source>The node of that model to copy: same type and shape</source>
        <translation>要复制的该模型中的节点：类型和形状必须相同</translation>
    </message>
    <message>
        <source>Keep the parameters fixed (batch norm in eval mode) for this many epochs; &apos;always&apos; = never train them; 0 = trainable</source>
        <translation>在前这么多轮内冻结参数（批归一化处于 eval 模式）；&apos;always&apos; = 始终不训练；0 = 可训练</translation>
    </message>
    <message>
        <source>always</source>
        <translation>always</translation>
    </message>
    <message>
        <source>This node learns at this multiple of the run&apos;s learning rate (0.1 for a pretrained backbone; 0 = no updates)</source>
        <translation>此节点的学习率 = 运行学习率 × 此倍数（预训练主干网络可取 0.1；0 = 不更新）</translation>
    </message>
    <message>
        <source>A TorchScript file is a program: loading and running it executes its author&apos;s code with your rights. Use only files from people you trust, and check the SHA-256 below against the one they publish.</source>
        <translation>TorchScript 文件是一个程序：加载并运行它会以您的权限执行其作者的代码。请只使用您信任的人提供的文件，并将下方的 SHA-256 与对方公布的值进行核对。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Size: %1 MB</source>
        <translation>大小：%1 MB</translation>
    </message>
    <message>
        <source>SHA-256: &lt;tt&gt;%1&lt;/tt&gt;</source>
        <translation>SHA-256：&lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <source>A trained model&apos;s bundle keeps its own copy of this file, with this digest.</source>
        <translation>训练好的模型包会保留此文件的副本，其摘要即为此值。</translation>
    </message>
    <message>
        <source>unknown node type &apos;%1&apos;</source>
        <translation>未知的节点类型“%1”</translation>
    </message>
    <message>
        <source>
Generate the example dataset with: fusebench-cli data make-example</source>
        <translation>
请使用以下命令生成示例数据集：fusebench-cli data make-example</translation>
    </message>
    <message>
        <source>Wrote %1 (%L2 bytes, %3 operators, opset 17).</source>
        <translation>已写入 %1（%L2 字节，%3 个算子，opset 17）。</translation>
    </message>
    <message>
        <source>Inputs, preprocessing and classes: %1</source>
        <translation>输入、预处理和类别：%1</translation>
    </message>
    <message>
        <source>Inputs:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Outputs:</source>
        <translation>输出：</translation>
    </message>
    <message>
        <source>Checked in %1 on %2 samples (%3 with a modality missing), one at a time and together:</source>
        <translation>已在 %1 中使用 %2 个样本（其中 %3 个缺少某一模态）分别逐个和整批进行检查：</translation>
    </message>
    <message>
        <source>  %1: largest difference %2 (batch 1), %3 (batch %4)</source>
        <translation>  %1：最大差异 %2（批大小 1），%3（批大小 %4）</translation>
    </message>
    <message>
        <source>Passed (tolerance %1).</source>
        <translation>通过（容差 %1）。</translation>
    </message>
    <message>
        <source>FAILED: the file differs from the trained model.</source>
        <translation>失败：该文件与训练所得的模型不一致。</translation>
    </message>
    <message>
        <source>Not checked: %1. Install ONNX Runtime (README: ONNX export) to check exports.</source>
        <translation>未检查：%1。请安装 ONNX Runtime（参见 README 中的“ONNX export”一节）以检查导出结果。</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>This build has no ONNX export: install libonnx-dev and libprotobuf-dev, then rebuild.</source>
        <translation>此版本不支持 ONNX 导出：请安装 libonnx-dev 和 libprotobuf-dev，然后重新构建。</translation>
    </message>
    <message>
        <source>Regression model: MAE %1, RMSE %2, R² %3 (no confusion matrix)</source>
        <translation>回归模型：MAE %1，RMSE %2，R² %3（无混淆矩阵）</translation>
    </message>
    <message>
        <source>No classification results for %1.</source>
        <translation>%1 没有分类结果。</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Robustness check failed: %1</source>
        <translation>稳健性检查失败：%1</translation>
    </message>
    <message>
        <source>training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>training failed with an unknown error</source>
        <translation>训练因未知错误而失败</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>IDX file</source>
        <translation>IDX 文件</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *-ubyte.gz *.idx *.gz);;All files (*)</source>
        <translation>IDX 文件 (*-ubyte *-ubyte.gz *.idx *.gz);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>fusebench::app::DatasetArea</name>
    <message>
        <source>This project names no dataset. Open a dataset folder (Dataset menu).</source>
        <translation>此项目未指定数据集。请打开一个数据集文件夹（“数据集”菜单）。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Cannot open the dataset: %1</source>
        <translation>无法打开数据集：%1</translation>
    </message>
    <message>
        <source>
Generate the example dataset with: fusebench-cli data make-example</source>
        <translation>
可使用以下命令生成示例数据集：fusebench-cli data make-example</translation>
    </message>
    <message>
        <source>Import IDX</source>
        <translation>导入 IDX</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Imported %1 samples into %2</source>
        <translation>已将 %1 个样本导入 %2</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <source>Import class folders</source>
        <translation>导入类别文件夹</translation>
    </message>
    <message>
        <source>Imported %1 images into %2</source>
        <translation>已将 %1 张图像导入 %2</translation>
    </message>
    <message numerus="yes">
        <source>; %n file(s) skipped (not decodable images)</source>
        <translation>
            <numerusform>；已跳过 %n 个文件（无法解码为图像）</numerusform>
        </translation>
    </message>
    <message>
        <source>
…</source>
        <translation>
…</translation>
    </message>
    <message>
        <source>&amp;Dataset</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Open Dataset Folder…</source>
        <translation>打开数据集文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Dataset Folder</source>
        <translation>打开数据集文件夹</translation>
    </message>
    <message>
        <source>Import &amp;IDX (MNIST-style)…</source>
        <translation>导入 IDX（MNIST 格式）(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;Class Folders…</source>
        <translation>导入类别文件夹(&amp;C)…</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per class</source>
        <translation>每个类别各占一个子文件夹的文件夹</translation>
    </message>
    <message>
        <source>Output dataset folder (empty)</source>
        <translation>输出数据集文件夹（须为空）</translation>
    </message>
    <message>
        <source>&amp;Validate</source>
        <translation>验证(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Use for This Project</source>
        <translation>用于此项目(&amp;U)</translation>
    </message>
    <message>
        <source>Show &amp;Patient Data (until Fusebench closes)</source>
        <translation>显示患者数据（至 Fusebench 关闭为止）(&amp;P)</translation>
    </message>
    <message>
        <source>Show the patient&apos;s name, ID, birth date and other identifying attributes of medical images</source>
        <translation>显示医学图像中患者的姓名、ID、出生日期及其他身份识别属性</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Validating %1</source>
        <translation>正在验证 %1</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>数据(&amp;D)</translation>
    </message>
</context>
<context>
    <name>fusebench::app::EditorArea</name>
    <message>
        <source>Connection refused: %1</source>
        <translation>连接被拒绝：%1</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid value for %2.%3</source>
        <translation>“%1”不是 %2.%3 的有效值</translation>
    </message>
    <message>
        <source>%1.%2: %3</source>
        <translation>%1.%2：%3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid value for %2 %3</source>
        <translation>“%1”不是 %2 %3 的有效值</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>模型摘要</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>粘贴(&amp;P)</translation>
    </message>
    <message>
        <source>Cannot paste: %1</source>
        <translation>无法粘贴：%1</translation>
    </message>
    <message>
        <source>&amp;Duplicate</source>
        <translation>创建副本(&amp;D)</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Auto-layout</source>
        <translation>自动布局(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Fit to View</source>
        <translation>适应视图(&amp;F)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
</context>
<context>
    <name>fusebench::app::ExplainArea</name>
    <message>
        <source>E&amp;xplain</source>
        <translation>解释(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Explain Selected Sample</source>
        <translation>解释所选样本(&amp;E)</translation>
    </message>
    <message>
        <source>Select a sample in the dataset browser first.</source>
        <translation>请先在数据集浏览器中选择一个样本。</translation>
    </message>
    <message>
        <source>Explain &amp;New Case…</source>
        <translation>解释新病例(&amp;N)…</translation>
    </message>
    <message>
        <source>Export &amp;Case Report…</source>
        <translation>导出病例报告(&amp;C)…</translation>
    </message>
    <message>
        <source>Export Case Report</source>
        <translation>导出病例报告</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The new case is empty: give at least one file, text or value.</source>
        <translation>新病例为空：请至少提供一个文件、一段文本或一个数值。</translation>
    </message>
    <message>
        <source>No trained model to explain with: train the project first (Training › Start), or select a finished run in the Runs dock.</source>
        <translation>没有可用于解释的已训练模型：请先训练项目（训练 › 开始训练），或在“运行”面板中选择一个已完成的运行。</translation>
    </message>
    <message>
        <source>No trained model to explain with: train the project first.</source>
        <translation>没有可用于解释的已训练模型：请先训练项目。</translation>
    </message>
    <message>
        <source>Explaining sample %1 with %2…</source>
        <translation>正在使用 %2 解释样本 %1…</translation>
    </message>
    <message>
        <source>Explaining the new case with %1…</source>
        <translation>正在使用 %1 解释新病例…</translation>
    </message>
    <message>
        <source>Explained sample %1 in %2 ms</source>
        <translation>已解释样本 %1，用时 %2 ms</translation>
    </message>
    <message>
        <source>Cannot explain: %1</source>
        <translation>无法解释：%1</translation>
    </message>
    <message>
        <source>Report &amp;Language</source>
        <translation>报告语言(&amp;L)</translation>
    </message>
    <message>
        <source>Same as the interface</source>
        <translation>与界面相同</translation>
    </message>
    <message>
        <source>Case report not written: %1</source>
        <translation>未能写入病例报告：%1</translation>
    </message>
    <message>
        <source>Case report written: %1 (%2 pages)</source>
        <translation>已写入病例报告：%1（共 %2 页）</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
</context>
<context>
    <name>fusebench::app::MainWindow</name>
    <message>
        <source>Autosave failed: %1. Unsaved changes are only in memory.</source>
        <translation>自动保存失败：%1。未保存的更改仅存在于内存中。</translation>
    </message>
    <message>
        <source>Fusebench</source>
        <translation>Fusebench</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Fusebench projects (*.fbproj);;All files (*)</source>
        <translation>Fusebench 项目 (*.fbproj);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Fusebench projects (*.fbproj)</source>
        <translation>Fusebench 项目 (*.fbproj)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Recover unsaved changes?</source>
        <translation>恢复未保存的更改？</translation>
    </message>
    <message>
        <source>%1 has unsaved changes from an earlier session that did not end normally. Recover them?</source>
        <translation>%1 中有上次未正常结束的会话遗留的未保存更改。是否恢复？</translation>
    </message>
    <message>
        <source>Recovery failed: %1</source>
        <translation>恢复失败：%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to %1?</source>
        <translation>是否保存对 %1 的更改？</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Fusebench will use %1 from its next start.</source>
        <translation>Fusebench 将从下次启动起使用%1。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>This project names no dataset. Open one from the Dataset menu, then choose Use for This Project.</source>
        <translation>此项目未指定数据集。请从“数据集”菜单打开一个数据集，然后选择“用于此项目”。</translation>
    </message>
    <message>
        <source>%1%2 — Fusebench</source>
        <translation>%1%2 — Fusebench</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>无法打开 %1</translation>
    </message>
    <message>
        <source>%1 nodes, %2 edges · graph valid</source>
        <translation>%1 个节点，%2 条连线 · 图有效</translation>
    </message>
    <message numerus="yes">
        <source>%1 nodes, %2 edges · %n problem(s)</source>
        <translation>
            <numerusform>%1 个节点，%2 条连线 · %n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>New Project from &amp;Dataset…</source>
        <translation>从数据集新建项目(&amp;D)…</translation>
    </message>
    <message>
        <source>Cannot make your copy of %1: %2</source>
        <translation>无法创建 %1 的个人副本：%2</translation>
    </message>
    <message>
        <source>%1 is installed read-only; opened your own copy, %2</source>
        <translation>%1 是只读安装的；已打开你的个人副本 %2</translation>
    </message>
    <message>
        <source>T&amp;heme</source>
        <translation>主题(&amp;H)</translation>
    </message>
    <message>
        <source>System Default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Fusebench will use the %1 colours from its next start.</source>
        <translation>Fusebench 将从下次启动起使用%1配色。</translation>
    </message>
</context>
<context>
    <name>fusebench::app::ModelExport</name>
    <message>
        <source>&amp;ONNX…</source>
        <translation>ONNX(&amp;O)…</translation>
    </message>
    <message>
        <source>Write the selected run&apos;s model as an ONNX file and check it in ONNX Runtime</source>
        <translation>将所选运行的模型写入 ONNX 文件，并在 ONNX Runtime 中进行检查</translation>
    </message>
    <message>
        <source>ONNX Export</source>
        <translation>ONNX 导出</translation>
    </message>
    <message>
        <source>The model was exported.</source>
        <translation>模型已导出。</translation>
    </message>
    <message>
        <source>The export did not succeed.</source>
        <translation>导出未成功。</translation>
    </message>
    <message>
        <source>There is no trained run to export yet: train a model first.</source>
        <translation>尚无可导出的已训练运行：请先训练模型。</translation>
    </message>
    <message>
        <source>Export Model as ONNX</source>
        <translation>将模型导出为 ONNX</translation>
    </message>
    <message>
        <source>ONNX (*.onnx)</source>
        <translation>ONNX 文件 (*.onnx)</translation>
    </message>
    <message>
        <source>Exporting %1 as ONNX and checking it in ONNX Runtime…</source>
        <translation>正在将 %1 导出为 ONNX 并在 ONNX Runtime 中检查…</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>ONNX export failed</source>
        <translation>ONNX 导出失败</translation>
    </message>
</context>
<context>
    <name>fusebench::app::NewFromDataset</name>
    <message>
        <source>%1 cannot be opened as a dataset</source>
        <translation>%1 无法作为数据集打开</translation>
    </message>
    <message>
        <source>%1 has no column a model can read (image, audio, text, numeric or categorical)</source>
        <translation>%1 没有模型可读取的列（图像、音频、文本、数值或类别）</translation>
    </message>
    <message>
        <source>Dataset folder (its files and a table: manifest.csv, .jsonl or one .csv)</source>
        <translation>数据集文件夹（包含文件和一张表：manifest.csv、.jsonl 或一个 .csv）</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <source>Building a first model for %1</source>
        <translation>正在为 %1 构建初始模型</translation>
    </message>
    <message>
        <source>A first model for %1: edit it, then save the project.</source>
        <translation>已为 %1 构建初始模型：请编辑，然后保存项目。</translation>
    </message>
    <message>
        <source>New Project from Dataset</source>
        <translation>从数据集新建项目</translation>
    </message>
</context>
<context>
    <name>fusebench::app::ProjectDocument</name>
    <message>
        <source>Set dataset</source>
        <translation>设置数据集</translation>
    </message>
    <message>
        <source>unreadable autosave</source>
        <translation>自动保存文件无法读取</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>the project has no file yet (use Save As)</source>
        <translation>项目尚无文件（请使用“另存为”）</translation>
    </message>
    <message>
        <source>Re-base file paths on the new project folder</source>
        <translation>将文件路径重新定位到新的项目文件夹</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n nodes</source>
        <translation>
            <numerusform>删除 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>将 %1 连接到 %2</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>断开 %1</translation>
    </message>
    <message>
        <source>Set %1.%2</source>
        <translation>设置 %1.%2</translation>
    </message>
    <message>
        <source>%1 is a folder or node name</source>
        <translation>%1 应为文件夹名或节点名</translation>
    </message>
    <message>
        <source>freeze is -1 (always), 0 or epochs</source>
        <translation>freeze 应为 -1（始终冻结）、0 或轮数</translation>
    </message>
    <message>
        <source>lr_multiplier is a number from 0 to 100</source>
        <translation>lr_multiplier 应为 0 到 100 之间的数</translation>
    </message>
    <message>
        <source>no training setting &apos;%1&apos;</source>
        <translation>没有名为“%1”的训练设置</translation>
    </message>
    <message>
        <source>Set %1 %2</source>
        <translation>设置 %1 %2</translation>
    </message>
    <message>
        <source>not a Fusebench graph</source>
        <translation>不是 Fusebench 图</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>粘贴 %n 个节点</numerusform>
        </translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>自动布局</translation>
    </message>
</context>
<context>
    <name>fusebench::app::StartArea</name>
    <message>
        <source>starting</source>
        <translation>正在开始</translation>
    </message>
    <message>
        <source>Making the data of %1 in %2…</source>
        <translation>正在 %2 中生成 %1 的数据…</translation>
    </message>
    <message>
        <source>Making the data of %1</source>
        <translation>正在生成 %1 的数据</translation>
    </message>
    <message>
        <source>Could not make the data of %1: %2</source>
        <translation>无法生成 %1 的数据：%2</translation>
    </message>
    <message numerus="yes">
        <source>Made %n sample(s) for %1 in %2</source>
        <translation>
            <numerusform>已在 %2 中为 %1 生成 %n 个样本</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>&amp;Start Page</source>
        <translation>开始页(&amp;S)</translation>
    </message>
</context>
<context>
    <name>fusebench::app::TrainingArea</name>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>First pass over the training data (image statistics, caches): %L1 of %L2 samples, about %3:%4 left. Stop cancels it; what is prepared stays cached.</source>
        <translation>首次遍历训练数据（图像统计、缓存）：已处理 %L1 / %L2 个样本，剩余约 %3:%4。点击“停止”可取消；已准备好的数据会保留在缓存中。</translation>
    </message>
    <message>
        <source>First pass done: %L1 training samples prepared; training starts.</source>
        <translation>首次遍历完成：已准备 %L1 个训练样本，开始训练。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;Run failed:&lt;/b&gt; %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;&lt;b&gt;运行失败：&lt;/b&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Stopped while the data was being prepared: nothing more was trained; the run&apos;s last checkpoint is kept.</source>
        <translation>在准备数据时停止：未再进行训练；已保留该运行的最后一个检查点。</translation>
    </message>
    <message>
        <source>Stopped while the data was being prepared: nothing was trained, so there is nothing to resume.</source>
        <translation>在准备数据时停止：尚未进行任何训练，因此没有可恢复的内容。</translation>
    </message>
    <message>
        <source>Stopped after %1 steps; a checkpoint was written. Resume it from the Runs panel (right-click).</source>
        <translation>已在 %1 步后停止，并已写入检查点。可在“运行”面板中（右键单击）恢复训练。</translation>
    </message>
    <message>
        <source>Run finished: %1 epochs in %2 s, test accuracy &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>运行完成：%1 轮，用时 %2 s，测试准确率 &lt;b&gt;%3&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>&amp;Start Training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Refresh Runs</source>
        <translation>刷新运行列表(&amp;R)</translation>
    </message>
    <message>
        <source>Where the model trains: the CPU, or a CUDA device when LibTorch has one</source>
        <translation>模型的训练设备：CPU；若 LibTorch 检测到 CUDA 设备，则可使用该设备</translation>
    </message>
    <message>
        <source>threads </source>
        <translation>线程 </translation>
    </message>
    <message>
        <source>CPU threads for the model&apos;s arithmetic (LibTorch intra-op threads)</source>
        <translation>模型运算使用的 CPU 线程数（LibTorch 算子内线程）</translation>
    </message>
    <message>
        <source>epochs </source>
        <translation>轮数 </translation>
    </message>
    <message>
        <source>Epochs for the next run (the project&apos;s training section gives the default)</source>
        <translation>下次运行的轮数（默认值取自项目的训练配置）</translation>
    </message>
    <message>
        <source> Device </source>
        <translation> 设备 </translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Paused. Resume with F6.</source>
        <translation>已暂停。按 F6 继续。</translation>
    </message>
    <message>
        <source>Stopping at the next step…</source>
        <translation>将在下一步停止…</translation>
    </message>
    <message>
        <source>A run is already in progress.</source>
        <translation>已有运行正在进行。</translation>
    </message>
    <message>
        <source>Save the project first: its runs are stored in runs/ beside the project file.</source>
        <translation>请先保存项目：其运行记录保存在项目文件旁的 runs/ 中。</translation>
    </message>
    <message>
        <source>The project&apos;s training section has a mistake: %1</source>
        <translation>项目的训练配置有误：%1</translation>
    </message>
    <message>
        <source>The validation split is evaluated after each epoch.</source>
        <translation>每轮结束后都会在验证集上评估。</translation>
    </message>
    <message>
        <source>Save the project to keep its runs (runs/ beside the project file).</source>
        <translation>保存项目以保留其运行记录（位于项目文件旁的 runs/）。</translation>
    </message>
    <message>
        <source>Run %1 · %2%3</source>
        <translation>运行 %1 · %2%3</translation>
    </message>
    <message>
        <source>run %1 · test split</source>
        <translation>运行 %1 · 测试集</translation>
    </message>
    <message>
        <source>This run has no evaluation yet (it did not finish).</source>
        <translation>此运行尚无评估结果（未完成）。</translation>
    </message>
    <message>
        <source>No run to evaluate yet: train one first.</source>
        <translation>尚无可评估的运行：请先训练一个。</translation>
    </message>
    <message>
        <source>run %1 · %2 split</source>
        <translation>运行 %1 · 划分 %2</translation>
    </message>
    <message>
        <source>Run %1 has no trained model yet: a run writes it when it finishes. Resume the run (right-click it in the Runs panel), or evaluate a finished one.</source>
        <translation>运行 %1 尚无训练好的模型：运行结束时才会写入模型。请继续该运行（在“运行”面板中右键点击它），或评估一个已完成的运行。</translation>
    </message>
    <message>
        <source>Evaluating %1…</source>
        <translation>正在评估 %1…</translation>
    </message>
    <message>
        <source>Evaluating %1 with each modality missing…</source>
        <translation>正在评估 %1（逐一缺失各模态）…</translation>
    </message>
    <message>
        <source>Training in progress</source>
        <translation>训练进行中</translation>
    </message>
    <message>
        <source>A run is in progress. Stop it (a checkpoint is written, and it can be resumed later) and close?</source>
        <translation>有运行正在进行。是否停止运行（将写入检查点，之后可继续）并关闭？</translation>
    </message>
    <message numerus="yes">
        <source>CPU, %n cores</source>
        <comment>device</comment>
        <translation>
            <numerusform>CPU，%n 核</numerusform>
        </translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Reading the runs</source>
        <translation>正在读取运行记录</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>正在评估 %1</translation>
    </message>
    <message>
        <source>Checking %1 with each modality missing</source>
        <translation>正在检查 %1 在各模态缺失时的表现</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32 单精度</translation>
    </message>
    <message>
        <source>bfloat16 mixed</source>
        <translation>bfloat16 混合精度</translation>
    </message>
    <message>
        <source>bfloat16 mixed precision: the forward pass in bfloat16, the weights and the optimizer in float32. Often 2x faster on a CPU with AVX512-BF16 or AMX, and on recent GPUs</source>
        <translation>bfloat16 混合精度：前向计算使用 bfloat16，权重和优化器使用 float32。在支持 AVX512-BF16 或 AMX 的 CPU 以及较新的 GPU 上通常快约 2 倍</translation>
    </message>
    <message>
        <source>This CPU has neither AVX512-BF16 nor AMX-BF16: bfloat16 would be slower than float32 here</source>
        <translation>此 CPU 既没有 AVX512-BF16 也没有 AMX-BF16：在这里 bfloat16 会比 float32 更慢</translation>
    </message>
</context>
<context>
    <name>fusebench::app::TrainingSession</name>
    <message>
        <source>A run is already in progress.</source>
        <translation>已有运行正在进行。</translation>
    </message>
    <message>
        <source>epoch %1 · validation split</source>
        <translation>第 %1 轮 · 验证集</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ClassHistogram</name>
    <message>
        <source>No classes (regression target, or no target)</source>
        <translation>无类别（回归目标，或没有目标）</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ColumnRolesDialog</name>
    <message>
        <source>%1: one class per row</source>
        <translation>%1：每行一个类别</translation>
    </message>
    <message>
        <source>%1: several labels per row</source>
        <translation>%1：每行多个标签</translation>
    </message>
    <message>
        <source>%1: a number (regression)</source>
        <translation>%1：一个数值（回归）</translation>
    </message>
    <message>
        <source>New Project from Dataset</source>
        <translation>从数据集新建项目</translation>
    </message>
    <message numerus="yes">
        <source>Fusebench read %n row(s) of %1 and proposes what each column is. Change a role where it is wrong; dataset.json is then written beside the table, and a first model is built on it.</source>
        <translation>
            <numerusform>Fusebench 读取了 %1 的 %n 行，并给出每一列的建议角色。如有不对请修改角色；随后会在表格旁写入 dataset.json，并在其上构建初始模型。</numerusform>
        </translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <source> (%n empty)</source>
        <translation>
            <numerusform>（%n 个为空）</numerusform>
        </translation>
    </message>
    <message>
        <source>Write dataset.json and Build a Model</source>
        <translation>写入 dataset.json 并构建模型</translation>
    </message>
    <message>
        <source>Choose the column the model is to predict (a target).</source>
        <translation>请选择模型要预测的列（目标）。</translation>
    </message>
    <message>
        <source>Choose one target: %1 columns are targets.</source>
        <translation>请只选择一个目标：现在有 %1 列是目标。</translation>
    </message>
    <message>
        <source>Choose at least one column the model reads (image, audio, text, numeric or categorical).</source>
        <translation>请至少选择一列供模型读取（图像、音频、文本、数值或类别）。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ConfusionMatrixView</name>
    <message>
        <source>Rows: true class; columns: predicted class. Click a cell to list its samples.</source>
        <translation>行：真实类别；列：预测类别。点击单元格可列出其中的样本。</translation>
    </message>
    <message>
        <source>No confusion matrix yet: it appears after the first epoch.</source>
        <translation>尚无混淆矩阵：第一轮结束后显示。</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>true</source>
        <translation>真实</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::DatasetBrowser</name>
    <message>
        <source>All splits</source>
        <translation>所有划分</translation>
    </message>
    <message>
        <source>Only samples with problems</source>
        <translation>仅显示有问题的样本</translation>
    </message>
    <message>
        <source>Search id or text…</source>
        <translation>搜索 ID 或文本…</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Decode every file and list each problem (as `fusebench-cli data validate`)</source>
        <translation>解码每个文件并列出所有问题（同 `fusebench-cli data validate`）</translation>
    </message>
    <message>
        <source>Validating %p%</source>
        <translation>正在验证 %p%</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>No dataset</source>
        <translation>无数据集</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2</translation>
    </message>
    <message>
        <source>Not validated yet. Validation decodes every file; it starts when the dataset opens.</source>
        <translation>尚未验证。验证会解码每个文件，在打开数据集时自动开始。</translation>
    </message>
    <message>
        <source>

Dataset problems:
  </source>
        <translation>

数据集问题：
  </translation>
    </message>
    <message>
        <source>

Sample problems:</source>
        <translation>

样本问题：</translation>
    </message>
    <message>
        <source>
  … and %1 more (filter the table by &quot;only samples with problems&quot;)</source>
        <translation>
  … 另有 %1 项（可用“仅显示有问题的样本”筛选表格）</translation>
    </message>
    <message>
        <source>Empty dataset</source>
        <translation>数据集为空</translation>
    </message>
    <message>
        <source>Showing %1 of %2 samples</source>
        <translation>显示 %2 个样本中的 %1 个</translation>
    </message>
    <message>
        <source> · sorting off above %1 rows</source>
        <translation> · 超过 %1 行时禁用排序</translation>
    </message>
    <message numerus="yes">
        <source> · %n with problems</source>
        <translation>
            <numerusform> · 其中 %n 个有问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> · %n dataset problem(s)</source>
        <translation>
            <numerusform> · %n 个数据集问题</numerusform>
        </translation>
    </message>
    <message>
        <source> · validating %1 of %2</source>
        <translation> · 正在验证 %1 / %2</translation>
    </message>
    <message>
        <source> · not validated</source>
        <translation> · 未验证</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::DatasetInfoPanel</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>存在</translation>
    </message>
    <message>
        <source>&lt;b&gt;No dataset&lt;/b&gt;</source>
        <translation>&lt;b&gt;无数据集&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This project does not name a dataset folder yet.</source>
        <translation>此项目尚未指定数据集文件夹。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dataset not available&lt;/b&gt;</source>
        <translation>&lt;b&gt;数据集不可用&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2 samples</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2 个样本</translation>
    </message>
    <message>
        <source>Splits: %1&lt;br&gt;Classes (%2): %3&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;%4&lt;/span&gt;</source>
        <translation>划分：%1&lt;br&gt;类别（%2）：%3&lt;br&gt;&lt;span style=&apos;color:gray&apos;&gt;%4&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::EvaluationPanel</name>
    <message>
        <source>No evaluation yet: it appears after the first epoch, or evaluate a finished run.</source>
        <translation>尚无评估结果：第一轮结束后显示，也可评估已完成的运行。</translation>
    </message>
    <message>
        <source>test split</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>validation split</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>training split</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Evaluate the selected run&apos;s best model on this split (per-sample results included)</source>
        <translation>在此划分上评估所选运行的最佳模型（含逐样本结果）</translation>
    </message>
    <message>
        <source>Modality robustness</source>
        <translation>模态稳健性</translation>
    </message>
    <message>
        <source>Evaluate again with each input modality missing, and show the drop</source>
        <translation>在逐一缺失各输入模态的情况下重新评估，并显示性能下降幅度</translation>
    </message>
    <message>
        <source>Row-normalized</source>
        <translation>按行归一化</translation>
    </message>
    <message>
        <source>Click a cell to list its samples.</source>
        <translation>点击单元格可列出其中的样本。</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>True → predicted</source>
        <translation>真实 → 预测</translation>
    </message>
    <message>
        <source>Top classes</source>
        <translation>概率最高的类别</translation>
    </message>
    <message>
        <source>Text / audio</source>
        <translation>文本 / 音频</translation>
    </message>
    <message>
        <source>Explain This Prediction</source>
        <translation>解释此预测</translation>
    </message>
    <message>
        <source>Show in Dataset Browser</source>
        <translation>在数据集浏览器中显示</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>支持数</translation>
    </message>
    <message>
        <source>ROC AUC</source>
        <translation>ROC AUC</translation>
    </message>
    <message>
        <source>false positive rate</source>
        <translation>假阳性率</translation>
    </message>
    <message>
        <source>true positive rate</source>
        <translation>真阳性率</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Press “Modality robustness” to evaluate the model with each modality missing.</source>
        <translation>点击“模态稳健性”，可在逐一缺失各模态的情况下评估模型。</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>ROC / PR</source>
        <translation>ROC / PR</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>校准</translation>
    </message>
    <message>
        <source>No evaluation.</source>
        <translation>无评估结果。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · accuracy &lt;b&gt;%2&lt;/b&gt; · macro F1 %3 · weighted F1 %4 · macro ROC AUC %5 · %6 samples</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 准确率 &lt;b&gt;%2&lt;/b&gt; · 宏平均 F1 %3 · 加权 F1 %4 · 宏平均 ROC AUC %5 · %6 个样本</translation>
    </message>
    <message numerus="yes">
        <source> · &lt;span style=&apos;color:#c62828&apos;&gt;%n skipped (unreadable)&lt;/span&gt;</source>
        <translation>
            <numerusform> · &lt;span style=&apos;color:#c62828&apos;&gt;已跳过 %n 个（无法读取）&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Per-epoch evaluations keep no per-sample results: press Evaluate to list a cell&apos;s samples.</source>
        <translation>逐轮评估不保存逐样本结果：请点击“评估”以列出单元格中的样本。</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>macro average</source>
        <translation>宏平均</translation>
    </message>
    <message>
        <source>weighted average</source>
        <translation>加权平均</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; predicted as &lt;b&gt;%2&lt;/b&gt;: %n sample(s), most confident first. Double-click opens the sample; click the last column to play its audio.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; 被预测为 &lt;b&gt;%2&lt;/b&gt;：%n 个样本，按置信度从高到低排列。双击可打开样本；点击最后一列可播放其音频。</numerusform>
        </translation>
    </message>
    <message>
        <source>This evaluation has no per-sample results (per-epoch). Press Evaluate to list the samples.</source>
        <translation>此评估没有逐样本结果（逐轮评估）。请点击“评估”以列出样本。</translation>
    </message>
    <message>
        <source> Listing the %1 most confident of %2.</source>
        <translation> 列出 %2 个中置信度最高的 %1 个。</translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation>（无文本）</translation>
    </message>
    <message>
        <source>%1 with every modality: &lt;b&gt;%2&lt;/b&gt;. With one modality missing (masked, as at inference without it):</source>
        <translation>所有模态齐全时的%1：&lt;b&gt;%2&lt;/b&gt;。缺少某一模态时（将其屏蔽，等同于推理时没有该模态）：</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>accuracy drop</source>
        <translation>准确率下降</translation>
    </message>
    <message>
        <source>RMSE increase</source>
        <translation>RMSE 增加</translation>
    </message>
    <message>
        <source>&lt;br&gt;&amp;nbsp;&amp;nbsp;without &lt;b&gt;%1&lt;/b&gt;: %2 (%3 %4)</source>
        <translation>&lt;br&gt;&amp;nbsp;&amp;nbsp;缺少 &lt;b&gt;%1&lt;/b&gt;：%2（%3 %4）</translation>
    </message>
    <message>
        <source>accuracy drop when missing</source>
        <translation>缺失时的准确率下降</translation>
    </message>
    <message>
        <source>RMSE increase when missing</source>
        <translation>缺失时的 RMSE 增加</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ExplanationView</name>
    <message>
        <source>No sample explained yet.</source>
        <translation>尚未解释任何样本。</translation>
    </message>
    <message>
        <source>The class whose evidence is shown</source>
        <translation>显示其证据的类别</translation>
    </message>
    <message>
        <source>Integrated Gradients and Occlusion are signed: red supports the class, blue speaks against it. Grad-CAM, SmoothGrad and Saliency show where the model looked.</source>
        <translation>积分梯度和遮挡有正负之分：红色表示支持该类别，蓝色表示不支持。Grad-CAM、SmoothGrad 和显著性显示模型关注的区域。</translation>
    </message>
    <message>
        <source>The convolutional stage Grad-CAM reads: deeper stages are more about the class, shallower ones locate it more finely. Automatic: the deepest with at least 7 cells on a side.</source>
        <translation>Grad-CAM 读取的卷积阶段：越深的阶段越反映类别本身，越浅的阶段定位越精细。自动：选择每边至少有 7 个单元的最深阶段。</translation>
    </message>
    <message>
        <source>Grad-CAM layer: automatic</source>
        <translation>Grad-CAM 层：自动</translation>
    </message>
    <message>
        <source>Colours of unsigned maps (Grad-CAM, SmoothGrad, Saliency)</source>
        <translation>无正负之分的图（Grad-CAM、SmoothGrad、显著性）的配色</translation>
    </message>
    <message>
        <source>Overlay opacity</source>
        <translation>叠加图不透明度</translation>
    </message>
    <message>
        <source>Export Case Report…</source>
        <translation>导出病例报告…</translation>
    </message>
    <message>
        <source>Explain class</source>
        <translation>解释类别</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>配色</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Cannot play %1: %2</source>
        <translation>无法播放 %1：%2</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>Model &lt;b&gt;%1&lt;/b&gt;: no sample explained yet.</source>
        <translation>模型 &lt;b&gt;%1&lt;/b&gt;：尚未解释任何样本。</translation>
    </message>
    <message>
        <source>What if…</source>
        <translation>假设分析…</translation>
    </message>
    <message>
        <source>%1 (%2: %3)</source>
        <translation>%1（%2：%3）</translation>
    </message>
    <message>
        <source>Untick to explain the prediction as if this modality were missing</source>
        <translation>取消勾选，可按该模态缺失的情况解释预测</translation>
    </message>
    <message>
        <source>Edit the %1 text and press Enter</source>
        <translation>编辑 %1 文本后按 Enter</translation>
    </message>
    <message>
        <source>Reset to the sample</source>
        <translation>重置为原样本</translation>
    </message>
    <message>
        <source>Grad-CAM layer: %1 (%2)</source>
        <translation>Grad-CAM 层：%1（%2）</translation>
    </message>
    <message>
        <source>Cannot explain: %1</source>
        <translation>无法解释：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sample %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;样本 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> (row %1)</source>
        <translation>（第 %1 行）</translation>
    </message>
    <message>
        <source> · true class &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> · 真实类别 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · predicted &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt; (%3)</source>
        <translation> · 预测为 &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;（%3）</translation>
    </message>
    <message>
        <source> · explaining &lt;b&gt;%1&lt;/b&gt;</source>
        <translation> · 正在解释 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source> · switched off: %1</source>
        <translation> · 已关闭：%1</translation>
    </message>
    <message>
        <source> · text edited</source>
        <translation> · 文本已编辑</translation>
    </message>
    <message>
        <source>Model %6 (run %7). Explained in %1 ms. Attributions explain the class&apos;s %2; Integrated Gradients sum to %3, expected %4 (%5 steps).</source>
        <translation>模型 %6（运行 %7）。解释用时 %1 ms。归因解释的是该类别的 %2；积分梯度总和为 %3，预期为 %4（%5 步）。</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>&lt;small&gt;Calibrated probabilities (temperature %1, fitted on the validation split).&lt;/small&gt;</source>
        <translation>&lt;small&gt;已校准的概率（温度 %1，在验证集上拟合）。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>&lt;small&gt;The model&apos;s own probabilities (no calibration fitted).&lt;/small&gt;</source>
        <translation>&lt;small&gt;模型自身的概率（未拟合校准）。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Modality contributions</source>
        <translation>各模态的贡献</translation>
    </message>
    <message>
        <source>without: %1</source>
        <translation>去除后：%1</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>in output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message>
        <source>in probability of &lt;i&gt;%1&lt;/i&gt;</source>
        <translation>&lt;i&gt;%1&lt;/i&gt; 的概率</translation>
    </message>
    <message>
        <source>Shapley values: each modality&apos;s share of the change from %1 (no modality) to %2 (all), %3.</source>
        <translation>Shapley 值：各模态对 %3 从 %1（无任何模态）到 %2（全部模态）这一变化所占的份额。</translation>
    </message>
    <message>
        <source>Gates of %1</source>
        <translation>%1 的门控值</translation>
    </message>
    <message>
        <source>Votes for the class in %1</source>
        <translation>%1 中对该类别的投票</translation>
    </message>
    <message>
        <source>Modality weights of %1</source>
        <translation>%1 的模态权重</translation>
    </message>
    <message>
        <source>Similar training cases</source>
        <translation>相似的训练病例</translation>
    </message>
    <message>
        <source>No explanation yet.&lt;br&gt;&lt;br&gt;%1&lt;br&gt;&lt;br&gt;The model is the run selected in the Runs dock, else the project&apos;s latest run with a trained model. Explanations are computed on a worker thread; the window stays responsive.</source>
        <translation>尚无解释。&lt;br&gt;&lt;br&gt;%1&lt;br&gt;&lt;br&gt;所用模型为“运行”面板中选中的运行；若未选中，则为项目中最近一次带有已训练模型的运行。解释在后台线程中计算，窗口仍可正常操作。</translation>
    </message>
    <message>
        <source>Image · %1 (%2)</source>
        <translation>图像 · %1（%2）</translation>
    </message>
    <message>
        <source>Missing or switched off: the model saw no image.</source>
        <translation>缺失或已关闭：模型未看到任何图像。</translation>
    </message>
    <message>
        <source>original (%1×%2, model sees %3×%4)</source>
        <translation>原图（%1×%2，模型输入为 %3×%4）</translation>
    </message>
    <message>
        <source>%1: not available for images</source>
        <translation>%1：不适用于图像</translation>
    </message>
    <message>
        <source>Text · %1</source>
        <translation>文本 · %1</translation>
    </message>
    <message>
        <source>Missing or switched off: the model read no text.</source>
        <translation>缺失或已关闭：模型未读取任何文本。</translation>
    </message>
    <message>
        <source>%1 · italic: not in the training vocabulary · hover a word for its value</source>
        <translation>%1 · 斜体：不在训练词表中 · 将鼠标悬停在词上可查看其数值</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: %2 %3%4</source>
        <translation>“%1”：%2 %3%4</translation>
    </message>
    <message>
        <source> (unknown word)</source>
        <translation>（未知词）</translation>
    </message>
    <message>
        <source>Audio · %1 (%2 s, %3)</source>
        <translation>音频 · %1（%2 s，%3）</translation>
    </message>
    <message>
        <source>Missing or switched off: the model heard nothing.</source>
        <translation>缺失或已关闭：模型未听到任何声音。</translation>
    </message>
    <message>
        <source>%1 · log-mel spectrogram, low pitches at the bottom; the bars below: how much each moment mattered</source>
        <translation>%1 · 对数梅尔频谱图，低音在下方；下方的条形表示每个时刻的重要程度</translation>
    </message>
    <message>
        <source>Values · %1</source>
        <translation>数值 · %1</translation>
    </message>
    <message>
        <source>Missing or switched off.</source>
        <translation>缺失或已关闭。</translation>
    </message>
    <message>
        <source>Ablation: the change when a value is replaced by the training mean</source>
        <translation>消融：将某个数值替换为训练集均值后的变化</translation>
    </message>
    <message>
        <source>Attention in %1 (rows attend to columns)</source>
        <translation>%1 中的注意力（行关注列）</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ImportIdxDialog</name>
    <message>
        <source>Import IDX dataset</source>
        <translation>导入 IDX 数据集</translation>
    </message>
    <message>
        <source>Comma-separated, in label order (default: 0, 1, 2, …)</source>
        <translation>以逗号分隔，按标签顺序排列（默认：0, 1, 2, …）</translation>
    </message>
    <message>
        <source>IDX import</source>
        <translation>IDX 导入</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Training labels</source>
        <translation>训练标签</translation>
    </message>
    <message>
        <source>Test images (optional)</source>
        <translation>测试图像（可选）</translation>
    </message>
    <message>
        <source>Test labels (optional)</source>
        <translation>测试标签（可选）</translation>
    </message>
    <message>
        <source>Class names</source>
        <translation>类别名称</translation>
    </message>
    <message>
        <source>Dataset name</source>
        <translation>数据集名称</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Use Fashion-MNIST</source>
        <translation>使用 Fashion-MNIST</translation>
    </message>
    <message>
        <source>Fill in Debian&apos;s dataset-fashion-mnist from %1</source>
        <translation>从 %1 填入 Debian 的 dataset-fashion-mnist</translation>
    </message>
    <message>
        <source>Choose the training images and labels files.</source>
        <translation>请选择训练图像文件和训练标签文件。</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <source>Test labels</source>
        <translation>测试标签</translation>
    </message>
    <message>
        <source>%1: file not found: %2</source>
        <translation>%1：找不到文件：%2</translation>
    </message>
    <message>
        <source>Give both test files, or neither.</source>
        <translation>请同时提供两个测试文件，或都不提供。</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ModelSummaryView</name>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output shapes</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Total parameters: – (fix the problems to compile the model)</source>
        <translation>参数总数：–（请先修复问题以编译模型）</translation>
    </message>
    <message>
        <source>Total parameters: %1</source>
        <translation>参数总数：%1</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::NewCaseDialog</name>
    <message>
        <source>Explain a New Case</source>
        <translation>解释新病例</translation>
    </message>
    <message>
        <source>Give the new case&apos;s files and values. Leave a field empty to treat that modality as missing.</source>
        <translation>请提供新病例的文件和数值。某一字段留空即表示该模态缺失。</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>%1 file</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm);;All files (*)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.dcm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Audio (*.wav *.flac *.ogg);;All files (*)</source>
        <translation>音频 (*.wav *.flac *.ogg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a File</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解释</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::NodeInspector</name>
    <message>
        <source>&apos;%1&apos;: &apos;%2&apos; is not a list of integers in %3 .. %4</source>
        <translation>“%1”：“%2”不是 %3 .. %4 范围内的整数列表</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a node to edit its parameters.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一个节点以编辑其参数。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training&lt;/b&gt;</source>
        <translation>&lt;b&gt;训练&lt;/b&gt;</translation>
    </message>
    <message>
        <source>How training treats this node; not part of the model&apos;s shape</source>
        <translation>训练时如何处理此节点；不属于模型结构</translation>
    </message>
    <message>
        <source> (changed from the default)</source>
        <translation>（已修改，不同于默认值）</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::NodePalette</name>
    <message>
        <source>Search node types…</source>
        <translation>搜索节点类型…</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ProblemsPanel</name>
    <message>
        <source>Click to select node &apos;%1&apos;</source>
        <translation>单击以选中节点“%1”</translation>
    </message>
    <message>
        <source>No problems: the graph is valid.</source>
        <translation>没有问题：图有效。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ReliabilityView</name>
    <message>
        <source>Evaluate a split to see how far its probabilities can be trusted.</source>
        <translation>评估某个划分，以查看其概率的可信程度。</translation>
    </message>
    <message>
        <source>confidence (top probability)</source>
        <translation>置信度（最高概率）</translation>
    </message>
    <message>
        <source>share right</source>
        <translation>正确比例</translation>
    </message>
    <message>
        <source>No calibration for this evaluation (classification models only).</source>
        <translation>此评估没有校准（仅适用于分类模型）。</translation>
    </message>
    <message>
        <source>perfectly calibrated</source>
        <translation>完美校准</translation>
    </message>
    <message>
        <source>model&apos;s own probabilities</source>
        <translation>模型自身的概率</translation>
    </message>
    <message>
        <source>calibrated (T = %1)</source>
        <translation>已校准（T = %1）</translation>
    </message>
    <message>
        <source>Expected calibration error &lt;b&gt;%1&lt;/b&gt; (the average gap between confidence and the share right, over %2 samples in 15 bins; classwise %3)</source>
        <translation>期望校准误差 &lt;b&gt;%1&lt;/b&gt;（置信度与正确比例之间的平均差距，基于 15 个区间内的 %2 个样本；按类别计算为 %3）</translation>
    </message>
    <message>
        <source> → &lt;b&gt;%1&lt;/b&gt; after temperature scaling (T = %2, fitted on the validation split; classwise %3). Predictions, explanations and case reports use the calibrated probabilities.</source>
        <translation> → 温度缩放后为 &lt;b&gt;%1&lt;/b&gt;（T = %2，在验证集上拟合；按类别计算为 %3）。预测、解释和病例报告均使用已校准的概率。</translation>
    </message>
    <message>
        <source>. No temperature was fitted for this model (too few validation samples, or none): its probabilities are its own.</source>
        <translation>。此模型未拟合温度（验证样本过少或没有验证样本）：其概率为模型自身的概率。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::RunsPanel</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Best val acc.</source>
        <translation>最佳验证准确率</translation>
    </message>
    <message>
        <source>Test acc.</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <source>Best checkpoint</source>
        <translation>最佳检查点</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Changes from the run before</source>
        <translation>相对上一次运行的更改</translation>
    </message>
    <message>
        <source>Resume this run</source>
        <translation>继续此运行</translation>
    </message>
    <message>
        <source> (resumable)</source>
        <translation>（可继续）</translation>
    </message>
    <message>
        <source>(first run)</source>
        <translation>（首次运行）</translation>
    </message>
    <message>
        <source>(same configuration)</source>
        <translation>（配置相同）</translation>
    </message>
    <message>
        <source>No runs yet. Training writes each run to runs/ beside the project file.</source>
        <translation>尚无运行。训练时，每次运行都会写入项目文件旁的 runs/ 文件夹。</translation>
    </message>
    <message>
        <source>finished</source>
        <comment>run state</comment>
        <translation>已完成</translation>
    </message>
    <message>
        <source>running</source>
        <comment>run state</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <source>failed</source>
        <comment>run state</comment>
        <translation>失败</translation>
    </message>
    <message>
        <source>stopped</source>
        <comment>run state</comment>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <comment>run state</comment>
        <translation>已中断</translation>
    </message>
    <message>
        <source>unknown</source>
        <comment>run state</comment>
        <translation>未知</translation>
    </message>
    <message>
        <source>The weights kept for the model: the epoch with the lowest val_loss.</source>
        <translation>为模型保留的权重：取自 val_loss 最低的那一轮。</translation>
    </message>
    <message>
        <source>The weights kept for the model: the epoch with the highest %1; ties broken by the lower val_loss.</source>
        <translation>为模型保留的权重：取自 %1 最高的那一轮；并列时取 val_loss 较低者。</translation>
    </message>
    <message>
        <source>The weights kept for the model: the epoch with the lowest %1; ties broken by the lower val_loss.</source>
        <translation>为模型保留的权重：取自 %1 最低的那一轮；并列时取 val_loss 较低者。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::SampleDetailView</name>
    <message>
        <source>Level: the pixel value shown as mid-gray</source>
        <translation>窗位：显示为中灰色的像素值</translation>
    </message>
    <message>
        <source>Window: the range of pixel values spread from black to white</source>
        <translation>窗宽：从黑到白所覆盖的像素值范围</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Window the 1st to 99th percentile of this image</source>
        <translation>将窗口设为此图像的第 1 至第 99 百分位</translation>
    </message>
    <message>
        <source>Full range</source>
        <translation>全范围</translation>
    </message>
    <message>
        <source>Radiology windows in the scan&apos;s own units (Hounsfield units for CT)</source>
        <translation>以扫描自身单位表示的放射学窗（CT 为亨氏单位）</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>窗位</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗宽</translation>
    </message>
    <message>
        <source>Text and values</source>
        <translation>文本与数值</translation>
    </message>
    <message>
        <source>Audio: waveform, and the spectrogram the model sees</source>
        <translation>音频：波形，以及模型所见的频谱图</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a sample to see it in full.&lt;/i&gt;</source>
        <translation>&lt;i&gt;选择一个样本以查看其完整内容。&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No sample selected</source>
        <translation>未选择样本</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · row %2 (line %3) · split &lt;b&gt;%4&lt;/b&gt; · %5 &lt;b&gt;%6&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 第 %2 行（文件第 %3 行）· 划分 &lt;b&gt;%4&lt;/b&gt; · %5 &lt;b&gt;%6&lt;/b&gt;</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>&lt;i&gt;missing&lt;/i&gt;</source>
        <translation>&lt;i&gt;缺失&lt;/i&gt;</translation>
    </message>
    <message>
        <source>No image column</source>
        <translation>没有图像列</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>正在解码…</translation>
    </message>
    <message>
        <source>No audio column</source>
        <translation>没有音频列</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>This sample has no image (missing value).</source>
        <translation>此样本没有图像（缺失值）。</translation>
    </message>
    <message>
        <source>Cannot show %1: %2</source>
        <translation>无法显示 %1：%2</translation>
    </message>
    <message>
        <source>This sample has no audio (missing value).</source>
        <translation>此样本没有音频（缺失值）。</translation>
    </message>
    <message>
        <source>Cannot play %1: %2</source>
        <translation>无法播放 %1：%2</translation>
    </message>
    <message>
        <source>File&apos;s window</source>
        <translation>文件自带的窗</translation>
    </message>
    <message>
        <source>Presets…</source>
        <translation>预设…</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#666&apos;&gt;Patient data hidden (Dataset › Show Patient Data).&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#666&apos;&gt;患者数据已隐藏（数据集 › 显示患者数据）。&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1×%2, %3-bit · L %4 W %5</source>
        <translation>%1×%2，%3 位 · 窗位 %4 窗宽 %5</translation>
    </message>
    <message>
        <source>■ Stop</source>
        <translation>■ 停止</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 s</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::SampleTableModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n 个问题</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::ThumbnailLoader</name>
    <message>
        <source>unsupported pixel layout</source>
        <translation>不支持的像素布局</translation>
    </message>
    <message>
        <source>could not be decoded</source>
        <translation>无法解码</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::TrainingMonitor</name>
    <message>
        <source>No run yet. Start training from the toolbar (Training › Start).</source>
        <translation>尚无运行。请从工具栏开始训练（训练 › 开始训练）。</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <source>LR</source>
        <translation>LR</translation>
    </message>
    <message>
        <source>train loss (per step)</source>
        <translation>训练损失（每步）</translation>
    </message>
    <message>
        <source>train loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>validation loss (per epoch)</source>
        <translation>验证损失（每轮）</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export curves as PNG</source>
        <translation>将曲线导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;Export failed: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;导出失败：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Export curves as CSV</source>
        <translation>将曲线导出为 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Run %1: preparing data and model…</source>
        <translation>运行 %1：正在准备数据和模型…</translation>
    </message>
    <message>
        <source>epoch %1/%2 · step %3/%4</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步</translation>
    </message>
    <message>
        <source>Run %1 · loss %2 · %3 samples/s · ETA %4 · %5 MiB resident</source>
        <translation>运行 %1 · 损失 %2 · %3 样本/s · 预计剩余 %4 · 常驻内存 %5 MiB</translation>
    </message>
    <message>
        <source>Run %1 (read from its run folder)</source>
        <translation>运行 %1（从其运行文件夹读取）</translation>
    </message>
    <message>
        <source>%1: train loss (smoothed)</source>
        <translation>%1：训练损失（平滑）</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::UserGuideDialog</name>
    <message>
        <source>Fusebench User Guide</source>
        <translation>Fusebench 用户指南</translation>
    </message>
    <message>
        <source>The user guide is missing from this build (%1).</source>
        <translation>此版本缺少用户指南（%1）。</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::WaveformView</name>
    <message>
        <source>%1 s · %2 Hz</source>
        <translation>%1 s · %2 Hz</translation>
    </message>
</context>
<context>
    <name>fusebench::widgets::WelcomePage</name>
    <message>
        <source>&lt;h1&gt;Welcome to Fusebench&lt;/h1&gt;</source>
        <translation>&lt;h1&gt;欢迎使用 Fusebench&lt;/h1&gt;</translation>
    </message>
    <message>
        <source>Build models that combine images, text, audio and tabular values; train them here, on the CPU or a GPU; evaluate them and explain single predictions to the people who decide with them.</source>
        <translation>构建结合图像、文本、音频和表格数值的模型；在这里用 CPU 或 GPU 训练；评估模型，并向依据模型做决定的人解释单个预测。</translation>
    </message>
    <message>
        <source>Begin</source>
        <translation>开始使用</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open Project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>Example projects</source>
        <translation>示例项目</translation>
    </message>
    <message>
        <source>No example projects were found beside the program.</source>
        <translation>程序旁边没有找到示例项目。</translation>
    </message>
    <message>
        <source>%1 (not found)
%2</source>
        <translation>%1（未找到）
%2</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>%1 was moved or deleted</source>
        <translation>%1 已被移动或删除</translation>
    </message>
    <message>
        <source>None yet: open an example project, or start a new one.</source>
        <translation>还没有：打开一个示例项目，或新建一个项目。</translation>
    </message>
    <message>
        <source>Data ready in %1</source>
        <translation>数据已就绪，位于 %1</translation>
    </message>
    <message>
        <source>Its data is not made yet: %1. Fusebench makes it from Debian&apos;s packages, nothing is downloaded.</source>
        <translation>其数据尚未生成：%1。Fusebench 用 Debian 软件包中的内容生成，无需下载。</translation>
    </message>
    <message>
        <source>A model to look at and edit: it names no dataset.</source>
        <translation>一个可查看和编辑的模型：它没有指定数据集。</translation>
    </message>
    <message>
        <source>Make Data and Open</source>
        <translation>生成数据并打开</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Making its data: %1…</source>
        <translation>正在生成其数据：%1…</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c62828&apos;&gt;Could not make its data: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c62828&apos;&gt;无法生成其数据：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Its data is not made yet: %1. A script of the source tree makes it: %2</source>
        <translation>其数据尚未生成：%1。由源代码树中的脚本生成：%2</translation>
    </message>
    <message>
        <source>Its dataset folder %1 is missing: open the dataset (Dataset › Open Dataset Folder…), then choose Use for This Project.</source>
        <translation>其数据集文件夹 %1 不存在：请打开数据集（数据集 › 打开数据集文件夹…），然后选择“用于此项目”。</translation>
    </message>
    <message>
        <source>New Project from Dataset…</source>
        <translation>从数据集新建项目…</translation>
    </message>
    <message>
        <source>A dataset of your own: point New Project from Dataset at a folder with your files and a table (CSV or JSON Lines). Fusebench proposes what each column is for you to confirm, writes dataset.json and builds a first model.</source>
        <translation>使用自己的数据集：用“从数据集新建项目”选择一个包含文件和一张表（CSV 或 JSON Lines）的文件夹。Fusebench 会给出每列的建议角色供你确认，写入 dataset.json 并构建初始模型。</translation>
    </message>
</context>
</TS>
