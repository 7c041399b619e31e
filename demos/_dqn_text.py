"""The dqn demo's user-visible strings, in English and Japanese."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "env_note": (
            "{env} needs far more steps than CartPole and hyperparameters of its "
            "own; this demo uses CartPole's, so expect it not to reach {threshold}."
        ),
        "setup": (
            "{env}: network {obs}-{hidden}-{hidden}-{actions}, torch on 1 thread "
            "(a network this small only loses time to more threads); learning "
            "starts after {starts} random steps; target is {threshold}."
        ),
        "resumed": (
            "Resumed from {path}: episode {episodes}, step {steps}, ε {eps:.3f}, "
            "best evaluation {best}. The replay buffer was saved with it "
            "({size} transitions)."
        ),
        "eval": (
            "Step {steps}, episode {episodes}: greedy return {mean:.1f} over "
            "{n} episodes (best {best:.1f}), ε {eps:.2f}, {sps:.0f} steps/s."
        ),
        "solved": (
            "Solved: greedy mean {mean:.1f} ≥ {threshold:g} after {seconds:.1f} s "
            "of training ({steps} steps)."
        ),
        "budget": "Time budget of {seconds:g} s reached.",
        "step_limit": "Step limit of {steps} reached.",
        "final": (
            "The kept policy (best evaluation {best:.1f}) scores {mean:.1f} on "
            "{n} fresh episodes."
        ),
        "saved": ("Checkpoint saved to {path} ({mb:.1f} MB, replay buffer included)."),
        "atari": (
            "Atari estimate: fp32 matmul {gflops:.0f} GFLOP/s on {threads} "
            "threads; Nature DQN {mflops:.1f} MFLOP per forward; 2.5 million "
            "agent steps (10M frames, frame-skip 4), a batch-32 update every 4 "
            "steps, the network at {eff:.0%} of the matmul rate, emulator not "
            "counted: about {hours:.0f} hours."
        ),
        "bad_checkpoint": (
            "Cannot use the checkpoint {path}: {problem}. Pass a file written by "
            "--checkpoint, or start without --resume."
        ),
        "wrong_env": "it was made for {found}; run with --env {found}",
        "no_file": "there is no such file",
        "unreadable": "it is not a checkpoint of this demo ({error})",
        "cannot_save": (
            "Cannot write the checkpoint {path}: {error}. Give --checkpoint a "
            "file in a folder you can write to."
        ),
        "is_folder": "that is a folder, not a file",
        "not_folder": "{folder} is not a folder",
        "folder_refuses": "the folder {folder} does not accept new files ({error})",
        "goes_on": "The run goes on, and its result is reported without it.",
        "opt_seed": "random seed of the networks, the buffer and the episodes",
        "opt_time_budget": "stop training after this many seconds",
        "opt_steps": "stop after this many env steps of this run",
        "opt_env": "the gymnasium environment to learn",
        "opt_checkpoint": "save the run to this file (every 20 s and at the end)",
        "opt_resume": "continue the run saved in this file",
        "training": "Training",
        "finished": "Finished",
        "title": "DQN result",
        "item": "Item",
        "value": "Value",
        "row_env": "Environment",
        "row_solved": "Solved",
        "row_eval": "Kept policy, mean of 20 fresh episodes",
        "row_best": "Best greedy evaluation (10 episodes)",
        "row_solve_s": "Training time to solve (s)",
        "row_steps": "Episodes / env steps",
        "row_speed": "Env steps per second (training)",
        "row_wall": "Wall time (s)",
        "row_atari": "10M Atari frames, estimated (hours)",
        "yes": "yes",
        "no": "no",
    },
    "ja": {
        "env_note": (
            "{env} は CartPole よりはるかに多くのステップと専用のハイパー"
            "パラメータが必要です。このデモは CartPole 用の設定のままなので、"
            "{threshold} にはまず届きません。"
        ),
        "setup": (
            "{env}: ネットワーク {obs}-{hidden}-{hidden}-{actions}、torch は"
            "1スレッド(この大きさではスレッドを増やすと同期で遅くなるため)。"
            "ランダムな {starts} ステップの後に学習を始めます。目標は {threshold}。"
        ),
        "resumed": (
            "{path} から再開: エピソード {episodes}、ステップ {steps}、"
            "ε {eps:.3f}、最良評価 {best}。リプレイバッファも一緒に保存されて"
            "います({size} 遷移)。"
        ),
        "eval": (
            "ステップ {steps}、エピソード {episodes}: 貪欲方策の報酬 "
            "{n} エピソード平均 {mean:.1f}(最良 {best:.1f})、ε {eps:.2f}、"
            "毎秒 {sps:.0f} ステップ。"
        ),
        "solved": (
            "解けました: 学習 {seconds:.1f} 秒({steps} ステップ)で貪欲方策の"
            "平均 {mean:.1f} ≥ {threshold:g}。"
        ),
        "budget": "制限時間 {seconds:g} 秒に達しました。",
        "step_limit": "ステップ上限 {steps} に達しました。",
        "final": (
            "保持した方策(最良評価 {best:.1f})は新しい {n} エピソードで"
            "平均 {mean:.1f} でした。"
        ),
        "saved": (
            "チェックポイントを {path} に保存しました({mb:.1f} MB、"
            "リプレイバッファを含む)。"
        ),
        "atari": (
            "Atari の見積もり: fp32 行列積 {gflops:.0f} GFLOP/s({threads} "
            "スレッド)、Nature DQN は1回の順伝播で {mflops:.1f} MFLOP。"
            "250万エージェントステップ(1000万フレーム、フレームスキップ4)、"
            "4ステップごとにバッチ32の更新、ネットワークは行列積の {eff:.0%} の"
            "速さ、エミュレータは含めずに、約 {hours:.0f} 時間。"
        ),
        "bad_checkpoint": (
            "チェックポイント {path} を使えません: {problem}。--checkpoint で"
            "保存したファイルを指定するか、--resume なしで始めてください。"
        ),
        "wrong_env": "{found} 用のファイルです。--env {found} で実行してください",
        "no_file": "そのファイルはありません",
        "unreadable": "このデモのチェックポイントではありません({error})",
        "cannot_save": (
            "チェックポイント {path} を書き込めません: {error}。--checkpoint には"
            "書き込めるフォルダ内のファイルを指定してください。"
        ),
        "is_folder": "ファイルではなくフォルダです",
        "not_folder": "{folder} はフォルダではありません",
        "folder_refuses": ("フォルダ {folder} に新しいファイルを作れません ({error})"),
        "goes_on": "実行は続け、結果はチェックポイントなしで報告します。",
        "opt_seed": "ネットワーク、バッファ、エピソードの乱数シード",
        "opt_time_budget": "この秒数で学習を止める",
        "opt_steps": "この実行で環境をこのステップ数だけ進めたら止める",
        "opt_env": "学習する gymnasium の環境",
        "opt_checkpoint": "実行をこのファイルに保存する (20 秒ごとと終了時)",
        "opt_resume": "このファイルに保存した実行の続きから始める",
        "training": "学習中",
        "finished": "完了",
        "title": "DQN の結果",
        "item": "項目",
        "value": "値",
        "row_env": "環境",
        "row_solved": "解けたか",
        "row_eval": "保持した方策、新しい20エピソードの平均",
        "row_best": "貪欲方策の最良評価(10エピソード)",
        "row_solve_s": "解けるまでの学習時間(秒)",
        "row_steps": "エピソード数 / 環境ステップ数",
        "row_speed": "学習中の毎秒環境ステップ数",
        "row_wall": "経過時間(秒)",
        "row_atari": "Atari 1000万フレームの見積もり(時間)",
        "yes": "はい",
        "no": "いいえ",
    },
}
