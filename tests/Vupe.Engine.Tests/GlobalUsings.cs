global using Vupe.Engine;
global using Vupe.Engine.Persistence;
