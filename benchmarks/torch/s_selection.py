#!/usr/bin/python3
"""S-selection loss and gradient in PyTorch, timed for the side-by-side benchmark.

The model is the one in packages/models/src/s-selection/model.ts: noisy-or over T type
signatures, per-participant ordered cutpoints (a first value plus exp of log-gaps),
ordinal logit over 7 levels, flat prior. Everything is vectorised over judgments and
differentiated by autograd, in float64 with torch.set_num_threads(2).

Two formulations of log P(k) = log(sigmoid(u) - sigmoid(l)) are timed:
  direct  torch.log(torch.sigmoid(u) - torch.sigmoid(l)), what most code writes;
  stable  logsigmoid(u) + logsigmoid(-l) + log(-expm1(l - u)), accurate when both
          sigmoids are near 0 or 1, as ascent's kernels are.

The parameter point is the fixed reference point (x[v,t] = 0.5 sin(v + t),
y[t,f] = cos(t + 2f) - 1, first cutpoint -2, gaps 0.8), so the printed losses can be
checked against ascent's before anything is timed.

Prints one JSON object on stdout. Run: /usr/bin/python3 s_selection.py --data ZIP
"""
import argparse
import csv
import io
import json
import resource
import statistics
import time
import zipfile

import torch


def load(path):
    if path.lower().endswith('.zip'):
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith('.tsv') and not n.endswith('-normalized.tsv'))
            text = archive.read(name).decode('utf-8')
    else:
        with open(path, encoding='utf-8') as table:
            text = table.read()
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter='\t')
            if r['nativeenglish'] == 'True' and r['response'] not in ('', 'NA', 'nan')]
    verbs = sorted({r['verb'] for r in rows})
    frames = sorted({r['frame'] for r in rows})
    participants = sorted({int(r['participant']) for r in rows})
    verb_index = {v: i for i, v in enumerate(verbs)}
    frame_index = {f: i for i, f in enumerate(frames)}
    participant_index = {p: i for i, p in enumerate(participants)}
    verb = torch.tensor([verb_index[r['verb']] for r in rows])
    frame = torch.tensor([frame_index[r['frame']] for r in rows])
    participant = torch.tensor([participant_index[int(r['participant'])] for r in rows])
    response = torch.tensor([int(float(r['response'])) for r in rows])
    return verb, frame, participant, response, len(verbs), len(frames), len(participants)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--data', required=True)
    parser.add_argument('--types', type=int, default=12)
    parser.add_argument('--repeats', type=int, default=30)
    parser.add_argument('--batch', type=int, default=1000)
    args = parser.parse_args()

    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(2)
    verb, frame, participant, response, V, F, J = load(args.data)
    T = args.types
    N = len(response)

    # Cells: distinct (verb, frame) pairs; each judgment reads its cell's location.
    key = verb * F + frame
    cells, item_cell = torch.unique(key, return_inverse=True)
    cell_verb, cell_frame = cells // F, cells % F

    x = (0.5 * torch.sin(torch.arange(V, dtype=torch.float64)[:, None] + torch.arange(T)[None, :])).requires_grad_()
    y = (torch.cos(torch.arange(T, dtype=torch.float64)[:, None] + 2 * torch.arange(F)[None, :]) - 1).requires_grad_()
    first = torch.full((J,), -2.0, requires_grad=True)
    log_gaps = torch.full((J, 5), float(torch.log(torch.tensor(0.8))), requires_grad=True)
    params = [x, y, first, log_gaps]
    infinity = torch.full((J, 1), float('inf'))

    def negative_log_likelihood(stable, judgments=None):
        if judgments is None:
            c_verb, c_frame, j_cell, j_participant, j_response = cell_verb, cell_frame, item_cell, participant, response
        else:
            local_cells, j_cell = torch.unique(item_cell[judgments], return_inverse=True)
            c_verb, c_frame = cell_verb[local_cells], cell_frame[local_cells]
            j_participant, j_response = participant[judgments], response[judgments]
        q = torch.sigmoid(x)[c_verb] * torch.sigmoid(y).t()[c_frame]
        log_not = torch.log1p(-q).sum(1)
        eta = torch.log(-torch.expm1(log_not)) - log_not
        cuts = torch.cat([first[:, None], first[:, None] + torch.cumsum(torch.exp(log_gaps), 1)], 1)
        padded = torch.cat([-infinity, cuts, infinity], 1)
        location = eta[j_cell]
        upper = padded[j_participant, j_response] - location
        lower = padded[j_participant, j_response - 1] - location
        if stable:
            log_p = torch.nn.functional.logsigmoid(upper) + torch.nn.functional.logsigmoid(-lower) + torch.log(-torch.expm1(lower - upper))
        else:
            log_p = torch.log(torch.sigmoid(upper) - torch.sigmoid(lower))
        return -log_p.sum()

    def timed(step, repeats):
        for _ in range(3):
            step()
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            step()
            samples.append((time.perf_counter() - start) * 1000)
        low, middle, high = statistics.quantiles(samples, n=4, method='inclusive')
        return middle, [low, high]

    def full_gradient(stable):
        def step():
            for p in params:
                p.grad = None
            negative_log_likelihood(stable).backward()
        return step

    generator = torch.Generator().manual_seed(0)

    def minibatch_gradient():
        judgments = torch.randint(0, N, (args.batch,), generator=generator)
        for p in params:
            p.grad = None
        (negative_log_likelihood(True, judgments) * (N / args.batch)).backward()

    with torch.no_grad():
        loss_direct = negative_log_likelihood(False).item()
        loss_stable = negative_log_likelihood(True).item()
    full_direct, full_direct_iqr = timed(full_gradient(False), args.repeats)
    full_stable, full_stable_iqr = timed(full_gradient(True), args.repeats)
    minibatch, minibatch_iqr = timed(minibatch_gradient, args.repeats * 5)
    result = {
        'torch_version': torch.__version__,
        'threads': torch.get_num_threads(),
        'judgments': N, 'verbs': V, 'frames': F, 'participants': J, 'types': T,
        'loss_direct': loss_direct,
        'loss_stable': loss_stable,
        'full_direct_ms': full_direct,
        'full_direct_iqr_ms': full_direct_iqr,
        'full_stable_ms': full_stable,
        'full_stable_iqr_ms': full_stable_iqr,
        'minibatch_ms': minibatch,
        'minibatch_iqr_ms': minibatch_iqr,
        'peak_rss_mib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(result))


if __name__ == '__main__':
    main()
