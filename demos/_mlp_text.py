"""The ``mlp`` demo's user-visible strings, in English and Japanese."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "data": (
            "Data: scikit-learn's digits, {samples:,} images of 8×8 pixels "
            "({features} inputs), {classes} classes; {train:,} to train on, "
            "{test:,} to test. Network: MLPClassifier, hidden layers {hidden}; "
            "BLAS on one thread, which suits matrices this small."
        ),
        "epoch": "Training: epoch {epoch}/{total}",
        "opt_hidden": "widths of the hidden layers, comma-separated",
        "opt_max_iter": "most epochs of training",
        "opt_seed": "random seed of the data split and the network",
        "opt_sweep": "also train one-layer networks of widths 16 to 1024",
        "err_hidden_list": "{value} is not a list of widths like 256,128",
        "err_hidden_depth": "give 1 to {most} hidden layers",
        "err_hidden_width": "each width must be from 1 to {most}",
        "trained": (
            "Trained for {epochs} epochs in {fit_s:.2f} s; accuracy on the "
            "{test:,} test images: {accuracy:.1%}."
        ),
        "converge": (
            "Training stopped at the iteration limit ({limit}) before the loss "
            "settled (scikit-learn's ConvergenceWarning). That is expected in a "
            "short demo, and the accuracy above is measured all the same; raise "
            "--max-iter for a closer fit."
        ),
        "layers_title": "Layers of the network",
        "col_layer": "Layer",
        "col_weights": "Weights",
        "col_biases": "Biases",
        "col_params": "Parameters",
        "col_bytes": "Bytes",
        "input": "input",
        "hidden": "hidden {index}",
        "output": "output",
        "total": "total",
        "weights": (
            "The network lives in RAM as numpy arrays: {n_params:,} weights and "
            "biases of {itemsize} bytes ({dtype}) take {param_bytes:,} bytes. "
            "The fitted estimator also keeps {optimizer_bytes:,} bytes of "
            "optimizer state (Adam's running averages) and {other_bytes:,} bytes "
            "of other arrays (such as a copy of the best weights): "
            "{held_bytes:,} bytes in all."
        ),
        "rss": (
            "Process memory (RSS): {before:.1f} MB before fitting, {after:.1f} MB "
            "after ({growth:+.1f} MB). The growth holds the arrays above, but "
            "also what training left behind: per-batch activations and "
            "gradients, temporary arrays and the allocator's slack. Memory "
            "freed inside the process is often kept for reuse rather than given "
            "back to the OS, so RSS is not the model's size: the bytes above are."
        ),
        "saving": "Saving, reloading and comparing",
        "files_title": "The model saved to disk",
        "col_format": "Format",
        "col_file": "File size (bytes)",
        "col_ratio": "× parameter bytes",
        "col_same": "Same predictions",
        "compressed": "joblib, compressed (level {level})",
        "files": (
            "A saved file holds the whole estimator (weights, optimizer state, "
            "settings), which is why it is larger than the weights alone. Each "
            "file was loaded back into RAM and predicted the test set "
            "{same}; the temporary files are deleted."
        ),
        "same_yes": "exactly as the original did",
        "same_no": "differently from the original (this should not happen)",
        "yes": "yes",
        "no": "no",
        "sweep_label": "Width sweep: {width} units",
        "sweep_title": "Memory against layer width (one hidden layer, {iters} epochs)",
        "col_width": "Width",
        "col_param_mb": "Parameters (MB)",
        "col_held_mb": "Estimator arrays (MB)",
        "col_rss_growth_mb": "RSS growth (MB)",
        "col_fit_s": "Fit (s)",
        "col_converged": "Converged",
        "sweep_note": (
            "Parameter memory grows in proportion to the width "
            "(inputs × width + width × outputs). RSS growth is noisier: it "
            "also counts activations for whole batches and whatever the "
            "allocator keeps from earlier runs."
        ),
    },
    "ja": {
        "data": (
            "データ: scikit-learn の digits。8×8 ピクセルの画像 {samples:,} 枚 "
            "(入力 {features})、{classes} クラス。学習用 {train:,} 枚、"
            "テスト用 {test:,} 枚。ネットワーク: MLPClassifier、隠れ層 {hidden}。"
            "行列が小さいので BLAS は 1 スレッドで動かします。"
        ),
        "epoch": "学習中: エポック {epoch}/{total}",
        "opt_hidden": "隠れ層の幅 (カンマ区切り)",
        "opt_max_iter": "学習するエポック数の上限",
        "opt_seed": "データの分割とネットワークの乱数シード",
        "opt_sweep": "幅 16 から 1024 の 1 層ネットワークも学習する",
        "err_hidden_list": "{value} は 256,128 のような幅の並びではありません",
        "err_hidden_depth": "隠れ層は 1 から {most} 層にしてください",
        "err_hidden_width": "幅はどれも 1 から {most} にしてください",
        "trained": (
            "{epochs} エポックの学習に {fit_s:.2f} 秒。テスト画像 {test:,} 枚での"
            "正解率: {accuracy:.1%}。"
        ),
        "converge": (
            "損失が落ち着く前に反復の上限 ({limit}) で学習が止まりました "
            "(scikit-learn の ConvergenceWarning)。短いデモでは想定どおりで、"
            "上の正解率はそのまま測った値です。よりよく合わせるには --max-iter "
            "を増やしてください。"
        ),
        "layers_title": "ネットワークの層",
        "col_layer": "層",
        "col_weights": "重み",
        "col_biases": "バイアス",
        "col_params": "パラメータ数",
        "col_bytes": "バイト数",
        "input": "入力",
        "hidden": "隠れ層 {index}",
        "output": "出力",
        "total": "合計",
        "weights": (
            "ネットワークは numpy 配列として RAM 上にあります。重みとバイアス "
            "{n_params:,} 個 (1 個 {itemsize} バイト、{dtype}) で "
            "{param_bytes:,} バイト。学習済みの推定器はほかに、最適化手法の状態 "
            "(Adam の移動平均) {optimizer_bytes:,} バイトと、その他の配列 "
            "(最良の重みのコピーなど) {other_bytes:,} バイトを持ち、合計 "
            "{held_bytes:,} バイトです。"
        ),
        "rss": (
            "プロセスのメモリ (RSS): 学習前 {before:.1f} MB、学習後 {after:.1f} MB "
            "({growth:+.1f} MB)。この増加には上の配列のほか、学習が残したもの "
            "(バッチごとの活性と勾配、一時的な配列、メモリアロケータの余裕分) も"
            "含まれます。プロセス内で解放されたメモリは OS に返されず再利用のため"
            "に残ることが多いので、RSS はモデルの大きさではありません。モデルの"
            "大きさは上のバイト数です。"
        ),
        "saving": "保存、再読み込み、比較をしています",
        "files_title": "ディスクに保存したモデル",
        "col_format": "形式",
        "col_file": "ファイルサイズ (バイト)",
        "col_ratio": "パラメータのバイト数との比",
        "col_same": "予測が同一",
        "compressed": "joblib 圧縮 (レベル {level})",
        "files": (
            "保存したファイルには推定器全体 (重み、最適化手法の状態、設定) が"
            "入るため、重みだけより大きくなります。各ファイルを RAM に読み戻して"
            "テストデータを予測したところ、{same}。一時ファイルは削除します。"
        ),
        "same_yes": "元のモデルと完全に同じ結果でした",
        "same_no": "元のモデルと違う結果になりました (本来起きないことです)",
        "yes": "はい",
        "no": "いいえ",
        "sweep_label": "幅を変えて学習: {width} ユニット",
        "sweep_title": "層の幅とメモリ (隠れ層 1 つ、{iters} エポック)",
        "col_width": "幅",
        "col_param_mb": "パラメータ (MB)",
        "col_held_mb": "推定器の配列 (MB)",
        "col_rss_growth_mb": "RSS の増加 (MB)",
        "col_fit_s": "学習時間 (秒)",
        "col_converged": "収束",
        "sweep_note": (
            "パラメータのメモリは幅に比例して増えます (入力数 × 幅 + 幅 × "
            "出力数)。RSS の増加はばらつきが大きく、バッチ全体の活性や、"
            "それ以前の学習からアロケータが残した分も数えています。"
        ),
    },
}
