"""The ``hw`` demo's user-visible strings, in English and Japanese."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "opt_quick": "report the facts without measuring speed",
        "opt_seconds": "seconds to measure each speed",
        "title": "This PC",
        "col_item": "Item",
        "col_value": "Value",
        "lbl_cpu": "CPU",
        "lbl_cores": "Cores",
        "cores": (
            "{cores_physical} physical, {cores_logical} logical, "
            "{cores_usable} usable by this program"
        ),
        "lbl_freq": "Clock",
        "ghz": "{value:.1f} GHz",
        "lbl_ram": "Memory (RAM)",
        "ram": "{ram_total_gb:.1f} GB ({ram_available_gb:.1f} GB available)",
        "lbl_limit": "Container memory limit",
        "gb": "{value:.1f} GB",
        "lbl_swap": "Swap",
        "lbl_disk": "Free disk for models",
        "disk": "{disk_free_gb:.1f} GB ({disk_path})",
        "lbl_os": "OS",
        "lbl_gpu": "GPU",
        "usable": "usable",
        "unusable": "not usable",
        "shared": " (its memory is the RAM, shared with the CPU)",
        "gflops": "{value:,.0f} GFLOP/s",
        "threads": " (threads: {threads})",
        "lbl_gf1": "fp32 matmul, 1 thread",
        "lbl_gfall": "fp32 matmul, all threads",
        "measuring": "Measuring matrix multiplication: {where}",
        "n_threads": "CPU, threads: {threads}",
        "measured": "Measurement done",
        "not_measured": "not measured (--quick)",
        "lbl_container": "In a container",
        "yes": "yes",
        "no": "no",
        "none": "none",
        "unknown": "unknown",
        "not_installed": "not installed",
        "torch_missing": (
            "PyTorch is missing or failed to import ({error}), so the GPU check "
            "and the speed measurements are skipped. Install it with: "
            "pip install torch (see pytorch.org for the GPU builds)."
        ),
        "note_cuda_broken": (
            "torch reports a CUDA GPU, but it failed on first use ({error}). "
            "Check the NVIDIA driver and that torch's CUDA version suits it."
        ),
        "note_mps_broken": (
            "torch reports Apple's GPU (MPS), but it failed on first use "
            "({error}). Updating macOS and torch usually fixes this."
        ),
        "note_mps_shared": (
            "Apple's GPU has no memory of its own: it shares the RAM with the "
            "CPU, so a model on the GPU and the rest of the system compete."
        ),
        "note_cuda_driver": (
            "nvidia-smi shows {name}, but this CUDA build of torch cannot use "
            "it: the NVIDIA driver is probably missing or too old."
        ),
        "note_cuda_build_missing": (
            "nvidia-smi shows {name}, but the installed torch is a CPU-only "
            "build: install the CUDA build of torch (pytorch.org) to use it."
        ),
        "note_wsl_disk": (
            "This is WSL: the free disk shown is that of WSL's virtual disk; "
            "the Windows drive that holds it may have less room."
        ),
        "note_busy": (
            "All threads together multiplied slower than one thread alone: "
            "other programs were probably keeping the cores busy. For this "
            "PC's real speed, run the measurement again when it is idle."
        ),
        "verdict_cuda": (
            "A PC with a usable NVIDIA GPU ({name}, {vram} GB) and {ram} GB of "
            "RAM: good for small and medium models and for larger ones up to "
            "what {vram} GB holds; the very largest need the cloud."
        ),
        "verdict_mps": (
            "A Mac whose GPU shares its {ram} GB of memory: fine for small and "
            "medium models; for big ones use a GPU server or the cloud."
        ),
        "verdict_cpu_small": (
            "A CPU-only PC with {ram} GB: enough for small models (MNIST-size "
            "images, classic machine learning); bigger ones need more memory, "
            "a GPU or the cloud."
        ),
        "verdict_cpu": (
            "A CPU-only PC with {ram} GB: fine for small and medium models; "
            "for big ones use a GPU or the cloud."
        ),
        "verdict_gpu_unusable": " Its GPU is not usable by torch yet (see above).",
        "verdict_few_cores": (
            " With {cores} usable core(s), expect training to take a while."
        ),
        "verdict_limit": " ({ram} GB is this container's memory limit.)",
    },
    "ja": {
        "opt_quick": "速さを測らずに構成だけを報告する",
        "opt_seconds": "それぞれの速さを測る秒数",
        "title": "このPC",
        "col_item": "項目",
        "col_value": "値",
        "lbl_cpu": "CPU",
        "lbl_cores": "コア数",
        "cores": (
            "物理 {cores_physical} / 論理 {cores_logical} / "
            "このプログラムが使えるもの {cores_usable}"
        ),
        "lbl_freq": "クロック",
        "ghz": "{value:.1f} GHz",
        "lbl_ram": "メモリ (RAM)",
        "ram": "{ram_total_gb:.1f} GB (空き {ram_available_gb:.1f} GB)",
        "lbl_limit": "コンテナのメモリ上限",
        "gb": "{value:.1f} GB",
        "lbl_swap": "スワップ",
        "lbl_disk": "モデル保存先の空き容量",
        "disk": "{disk_free_gb:.1f} GB ({disk_path})",
        "lbl_os": "OS",
        "lbl_gpu": "GPU",
        "usable": "使用可",
        "unusable": "使用不可",
        "shared": " (専用メモリはなく、CPU と RAM を共有)",
        "gflops": "{value:,.0f} GFLOP/s",
        "threads": " (スレッド数 {threads})",
        "lbl_gf1": "fp32 行列積 (1 スレッド)",
        "lbl_gfall": "fp32 行列積 (全スレッド)",
        "measuring": "行列積の速さを測っています: {where}",
        "n_threads": "CPU、スレッド数 {threads}",
        "measured": "測定が終わりました",
        "not_measured": "未測定 (--quick)",
        "lbl_container": "コンテナ内で実行",
        "yes": "はい",
        "no": "いいえ",
        "none": "なし",
        "unknown": "不明",
        "not_installed": "未インストール",
        "torch_missing": (
            "PyTorch がないか読み込めなかったため ({error})、GPU の確認と速度の"
            "測定は省きました。インストール: pip install torch "
            "(GPU 版は pytorch.org を参照)"
        ),
        "note_cuda_broken": (
            "torch は CUDA の GPU があると報告していますが、最初の計算で失敗"
            "しました ({error})。NVIDIA ドライバと torch の CUDA 版の組み合わせを"
            "確認してください。"
        ),
        "note_mps_broken": (
            "torch は Apple の GPU (MPS) があると報告していますが、最初の計算で"
            "失敗しました ({error})。macOS と torch の更新で直ることが多いです。"
        ),
        "note_mps_shared": (
            "Apple の GPU には専用メモリがなく、CPU と RAM を共有します。GPU 上の"
            "モデルとシステムの他の部分が同じメモリを取り合います。"
        ),
        "note_cuda_driver": (
            "nvidia-smi には {name} が見えますが、この CUDA 版 torch からは使え"
            "ません。NVIDIA ドライバがないか古い可能性があります。"
        ),
        "note_cuda_build_missing": (
            "nvidia-smi には {name} が見えますが、入っている torch は CPU 専用版"
            "です。使うには CUDA 版の torch をインストールしてください "
            "(pytorch.org)。"
        ),
        "note_wsl_disk": (
            "WSL 上で動いています。空き容量は WSL の仮想ディスクのもので、それを"
            "置いた Windows のドライブの空きはもっと少ないかもしれません。"
        ),
        "note_busy": (
            "全スレッドでの行列積が 1 スレッドより遅くなりました。ほかのプログラムが"
            "コアを使っていたと思われます。このPC本来の速さを知るには、空いている"
            "ときにもう一度測ってください。"
        ),
        "verdict_cuda": (
            "使える NVIDIA GPU ({name}、{vram} GB) と {ram} GB の RAM を持つPC"
            "です。小〜中規模のモデルに十分で、{vram} GB に収まる大きめのモデル"
            "も扱えます。最大級のものはクラウドが必要です。"
        ),
        "verdict_mps": (
            "GPU が {ram} GB のメモリを共有する Mac です。小〜中規模のモデルなら"
            "十分で、大規模なものは GPU サーバーかクラウドを使いましょう。"
        ),
        "verdict_cpu_small": (
            "{ram} GB の CPU のみのPCです。小さなモデル (MNIST 程度の画像、"
            "古典的な機械学習) なら動きます。それより大きなものにはメモリ、"
            "GPU、またはクラウドが必要です。"
        ),
        "verdict_cpu": (
            "{ram} GB の CPU のみのPCです。小〜中規模のモデルなら十分で、"
            "大規模なものには GPU かクラウドを使いましょう。"
        ),
        "verdict_gpu_unusable": "GPU はまだ torch から使えません (上の説明を参照)。",
        "verdict_few_cores": (
            "使えるコアが {cores} 個なので、学習には時間がかかります。"
        ),
        "verdict_limit": "({ram} GB はこのコンテナのメモリ上限です。)",
    },
}
