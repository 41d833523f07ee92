// Browser entry point: registers the app element used by index.html.
import './ui/engram-app';
