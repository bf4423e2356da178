"""The site's exercise diagrams, drawn from code with Pillow (``python -m hinge diagrams``).

Every picture is data: a side-view body posed by a few joint angles, plus equipment and
labels. To change a pose, edit ``poses`` and rerun the command. The modules, each using only
those above it:

- ``model``: the pose model, joint angles to joint positions (centimetres), balance;
- ``canvas``: colours, the supersampled drawing surface, text, world-to-pixel views;
- ``equipment``: wall, dowel, kettlebell, dumbbell, barbell, band and angle marks;
- ``figure``: a posed body with its equipment and floor, drawn in layers;
- ``layout``: the desktop and phone versions, titled panels, the hips' arrow;
- ``poses``: every pose, load and progression step's panels, as data;
- ``muscles``: the posterior-chain picture, muscles shaded and labelled;
- ``output``: PNG bytes, the same-picture test and atomic writes;
- ``pictures``: the catalogue of every file drawn, and its PNG bytes;
- ``cli``: the command line.
"""
