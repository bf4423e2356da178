"""The site's exercise diagrams, drawn from code with Pillow (``python -m hinge diagrams``).

Every picture is data: a side-view body posed by a few joint angles, plus equipment and
labels; each lift's loop (``NAME.loop.webp``) moves the same figure from one key pose to the
next. To change a pose, edit ``poses`` (a loop's tempo: ``loops``) and rerun the command.
The modules, each using only those above it:

- ``model``: the pose model, joint angles to joint positions (centimetres), balance;
- ``canvas``: colours, the supersampled drawing surface, text, world-to-pixel views;
- ``equipment``: wall, box, dowel, kettlebell, dumbbell, barbell, band and angle marks;
- ``figure``: a posed body with its equipment and floor, drawn in layers;
- ``layout``: the desktop and phone versions, titled panels, the hips' arrow;
- ``poses``: every pose, load and progression step's panels, as data;
- ``muscles``: the posterior-chain picture, muscles shaded and labelled;
- ``motion``: one rep as key poses, eased and held: the frames of a loop, and its words;
- ``loops``: each lift's and cue drill's loop (keys, tempo, words), as data;
- ``output``: PNG and animated WebP bytes and the same-picture test (written with hinge.atomic);
- ``animation``: a loop's frames drawn on one fixed canvas, and its WebP;
- ``pictures``: the catalogue of every file drawn, and its bytes;
- ``cli``: the command line.
"""
