"""The strings of personal answers ("can my PC train X?"), in Japanese and English.

Importing this module registers them with `assistant.i18n` under ``assess.*``;
`assistant.personal_render` imports it before it looks a string up.
"""

from __future__ import annotations

from assistant.i18n import add

add(
    {
        "en": {
            "assess.ok": "**Yes.** *{title}* trains on this PC in about {time}.",
            "assess.slow": (
                "**Yes, but slowly.** *{title}* would take about {time} on this PC."
            ),
            "assess.no": "**No.** *{title}* is out of reach for this PC: {why}.",
            "assess.why.memory": (
                "it needs about {needed} of memory, more than 80% of the "
                "{available} this PC can use"
            ),
            "assess.why.disk": (
                "it needs {needed} of disk, more than 80% of the {available} free"
            ),
            "assess.why.time": "it would take about {time}",
            "assess.and": "; ",
            "assess.list": ", ",
            "assess.head": "| | needed | this PC |\n|---|---|---|",
            "assess.memory.cpu": "memory (RAM)",
            "assess.memory.cuda": "GPU memory",
            "assess.memory.mps": "memory (RAM shared with the GPU)",
            "assess.host": "RAM (data, Python)",
            "assess.usable": "{value} usable",
            "assess.disk": "disk",
            "assess.free": "{value} free",
            "assess.time": "time",
            "assess.device_row": "{device}, {rate} × {factor}",
            "assess.cpu": "CPU",
            "assess.cuda": "CUDA GPU",
            "assess.mps": "Apple GPU (MPS)",
            "assess.compute": "Compute: {flops} FLOPs ({basis}){overhead}.",
            "assess.overhead": ", plus {ms} ms per step × {steps} steps",
            "assess.assumed": (
                "Assumed: training on the {device} ({name}) at {rate} × {factor} "
                "({klass}); memory = weights, gradients and optimizer state "
                "({bytes} bytes per parameter) + activations at batch {batch} + "
                "the data held in memory + {runtime} GB for Python; disk = the "
                "data + one saved copy of the weights; time within ×0.5 to ×2."
            ),
            "assess.rule": (
                "*yes*: at most 80% of the memory and of the free disk, and at "
                "most 2 hours; *slow*: fits, and at most 30 days; *no*: otherwise."
            ),
            "assess.estimated": "Estimated: {items}.",
            "assess.estimated.cpu_gflops": (
                "the CPU speed was not measured, so {rate} is assumed: 30 GFLOP/s "
                "per usable core, typical of a modern x86 core with AVX2"
            ),
            "assess.estimated.gpu_gflops": (
                "the GPU speed was not measured, so {rate} is assumed"
            ),
            "assess.published": "Published: {items}.",
            "assess.reference": "{device}: {at_most}{time} ({source})",
            "assess.at_most": "at most ",
            "assess.next": "**Next step:** {text}",
            "assess.basis.6ND": "6 × parameters × tokens",
            "assess.basis.3xforward": "3 × forward pass × samples × epochs",
            "assess.basis.rl": "updates × batch × 4 forward passes, plus acting",
            "assess.basis.given": "the published total",
            "assess.class.tiny": "tiny layers or sparse work",
            "assess.class.small": "a small CNN or MLP",
            "assess.class.heavy": "large convolutions or matrix products",
            "assess.catalogue.head": (
                "| workload | verdict | memory | time |\n|---|---|---|---|"
            ),
            "assess.catalogue.memory": (
                "Memory: what training needs / what this PC can use."
            ),
            "assess.catalogue.why": "**Why not:**",
            "assess.catalogue.blocked": "{title}: {reasons}",
            "assess.catalogue.sep": "; ",
            "assess.short.memory": "not enough memory",
            "assess.short.disk": "not enough disk ({needed} needed, {free} free)",
            "assess.short.time": "takes over {days} days",
            "assess.catalogue.device": "Training on the {device} ({name}) at {rate}.",
            "assess.verdict.ok": "yes",
            "assess.verdict.slow": "slow",
            "assess.verdict.no": "no",
            "assess.units": "s min h days years",
            "assess.units.short": "s min h d yr",
            "assess.duration": "{number} {unit}",
            "assess.range.same": "{low}–{high} {unit}",
            "assess.range": "{low} – {high}",
            "assess.next.ok": (
                "Go ahead. Time the first epoch (or the first few thousand steps) "
                "to check this estimate."
            ),
            "assess.next.slow.cpu": (
                "It fits but takes a while: save checkpoints so that a stopped run "
                "can resume, and let it run overnight. A free cloud GPU (Google "
                "Colab, Kaggle) would finish many times sooner."
            ),
            "assess.next.slow.gpu": (
                "It fits but takes a while: save checkpoints so that a stopped run "
                "can resume; mixed precision (fp16 or bf16) is several times "
                "faster on recent GPUs."
            ),
            "assess.next.model_state": (
                "The weights, gradients and optimizer state alone take {state}, "
                "more than this PC can use: train a much smaller model, or use a "
                "pre-trained one."
            ),
            "assess.next.memory": (
                "Cut the memory: a smaller batch shrinks the activations, reading "
                "the data from disk in batches (streaming) instead of holding it "
                "all saves its share, and a smaller model shrinks the rest."
            ),
            "assess.next.container": (
                "This PC's container limits memory to {limit}; raising that limit "
                "also helps."
            ),
            "assess.next.disk": (
                "Free some disk, or keep the data on an external drive or in cloud "
                "storage and stream it while training."
            ),
            "assess.next.time.cpu": (
                "Far too slow here: use a GPU (a free cloud GPU such as Google "
                "Colab or Kaggle to start with), or fine-tune a pre-trained model "
                "instead of training from scratch."
            ),
            "assess.next.time.gpu": (
                "Far too slow even on this GPU: rent several large GPUs in the "
                "cloud, or fine-tune a pre-trained model instead."
            ),
        },
        "ja": {
            "assess.ok": "**できます。**「{title}」はこのPCで約{time}で学習できます。",
            "assess.slow": (
                "**できますが、時間がかかります。**「{title}」はこのPCで約{time}"
                "かかります。"
            ),
            "assess.no": "**このPCでは無理です。**「{title}」は{why}。",
            "assess.why.memory": (
                "メモリが約{needed}必要で、このPCで使える{available}の80%を超えます"
            ),
            "assess.why.disk": (
                "ディスクが{needed}必要で、空き{available}の80%を超えます"
            ),
            "assess.why.time": "約{time}かかります",
            "assess.and": "。",
            "assess.list": "・",
            "assess.head": "| | 必要 | このPC |\n|---|---|---|",
            "assess.memory.cpu": "メモリ(RAM)",
            "assess.memory.cuda": "GPUメモリ",
            "assess.memory.mps": "メモリ(RAMをGPUと共有)",
            "assess.host": "RAM(データ、Python)",
            "assess.usable": "使えるのは{value}",
            "assess.disk": "ディスク",
            "assess.free": "空き{value}",
            "assess.time": "時間",
            "assess.device_row": "{device}、{rate} × {factor}",
            "assess.cpu": "CPU",
            "assess.cuda": "CUDAのGPU",
            "assess.mps": "AppleのGPU(MPS)",
            "assess.compute": "計算量: {flops} FLOP({basis}){overhead}。",
            "assess.overhead": "、加えて1ステップ{ms}ミリ秒 × {steps}ステップ",
            "assess.assumed": (
                "仮定: {device}({name})で{rate} × {factor}({klass})の速さで"
                "学習。メモリ = 重み・勾配・オプティマイザの状態(1パラメータあたり"
                "{bytes}バイト)+ バッチ{batch}の活性化 + メモリに載せるデータ + "
                "Python分{runtime} GB。ディスク = データ + 重みの保存1回分。"
                "時間は×0.5〜×2の幅。"
            ),
            "assess.rule": (
                "*できる*: メモリと空きディスクの80%以内に収まり、2時間以内。"
                "*時間がかかる*: 収まり、30日以内。*無理*: それ以外。"
            ),
            "assess.estimated": "推定した値: {items}。",
            "assess.estimated.cpu_gflops": (
                "CPUの速さは測っていないため{rate}と仮定(使えるコア1つあたり"
                "30 GFLOP/s。AVX2を持つ最近のx86コアの目安)"
            ),
            "assess.estimated.gpu_gflops": "GPUの速さは測っていないため{rate}と仮定",
            "assess.published": "公表されている学習時間: {items}。",
            "assess.reference": "{device}: {time}{at_most}({source})",
            "assess.at_most": "以内",
            "assess.next": "**次の一歩:** {text}",
            "assess.basis.6ND": "6 × パラメータ数 × トークン数",
            "assess.basis.3xforward": "3 × 順伝播 × サンプル数 × エポック数",
            "assess.basis.rl": "更新回数 × バッチ × 順伝播4回分 + 行動の選択",
            "assess.basis.given": "公表値",
            "assess.class.tiny": "小さな層・疎な計算",
            "assess.class.small": "小さなCNN・MLP",
            "assess.class.heavy": "大きな畳み込み・行列積",
            "assess.catalogue.head": (
                "| 学習 | 判定 | メモリ | 時間 |\n|---|---|---|---|"
            ),
            "assess.catalogue.memory": (
                "メモリは「学習に必要な量 / このPCで使える量」。"
            ),
            "assess.catalogue.why": "**無理な理由:**",
            "assess.catalogue.blocked": "{title}: {reasons}",
            "assess.catalogue.sep": "、",
            "assess.short.memory": "メモリ不足",
            "assess.short.disk": "ディスク不足(必要{needed}、空き{free})",
            "assess.short.time": "時間が{days}日を超える",
            "assess.catalogue.device": "{device}({name})で{rate}として計算。",
            "assess.verdict.ok": "できる",
            "assess.verdict.slow": "時間がかかる",
            "assess.verdict.no": "無理",
            "assess.units": "秒 分 時間 日 年",
            "assess.units.short": "秒 分 時間 日 年",
            "assess.duration": "{number}{unit}",
            "assess.range.same": "{low}〜{high}{unit}",
            "assess.range": "{low}〜{high}",
            "assess.next.ok": (
                "そのまま学習して大丈夫です。最初の1エポック(または最初の数千"
                "ステップ)の時間を測れば、この見積もりを確かめられます。"
            ),
            "assess.next.slow.cpu": (
                "収まりますが時間がかかります。止まっても再開できるように"
                "チェックポイントを保存し、夜のうちに走らせましょう。Google Colab "
                "や Kaggle の無料GPUなら何倍も早く終わります。"
            ),
            "assess.next.slow.gpu": (
                "収まりますが時間がかかります。チェックポイントを保存して再開"
                "できるようにし、混合精度(fp16やbf16)で学習すると最近のGPUでは"
                "何倍も速くなります。"
            ),
            "assess.next.model_state": (
                "重み・勾配・オプティマイザの状態だけで{state}になり、このPCで"
                "使える量を超えます。ずっと小さなモデルにするか、学習済みの"
                "モデルを使いましょう。"
            ),
            "assess.next.memory": (
                "メモリを減らしましょう。バッチを小さくすると活性化が減り、"
                "データを全部メモリに載せずにディスクから少しずつ読めば"
                "(バッチ処理・ストリーミング)データの分が減り、小さなモデルに"
                "すれば残りも減ります。"
            ),
            "assess.next.container": (
                "このPCはコンテナでメモリが{limit}に制限されているので、"
                "上限を上げるのも手です。"
            ),
            "assess.next.disk": (
                "ディスクの空きを増やすか、データを外付けドライブやクラウドに"
                "置き、読み込みながら学習しましょう。"
            ),
            "assess.next.time.cpu": (
                "このPCでは時間がかかりすぎます。GPU(まずは Google Colab や "
                "Kaggle の無料GPU)を使うか、ゼロから学習せず学習済みモデルを"
                "ファインチューニングしましょう。"
            ),
            "assess.next.time.gpu": (
                "このGPUでも時間がかかりすぎます。クラウドで大きなGPUを何台も"
                "借りるか、学習済みモデルのファインチューニングにしましょう。"
            ),
        },
    }
)
